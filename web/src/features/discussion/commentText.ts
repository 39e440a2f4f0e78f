/** Comments carry no language of their own: Chinese if they hold any Chinese characters, for fonts and screen readers. */
export function textLang(text: string): string {
  return /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en';
}
