/** "+8613800138000" as people write it: "+86 138 0013 8000". */
export function formatPhone(phone: string): string {
  const match = /^\+86(\d{3})(\d{4})(\d{4})$/.exec(phone);
  return match ? `+86 ${match[1]} ${match[2]} ${match[3]}` : phone;
}

/** The number without +86, to fill in a form. */
export function nationalNumber(phone: string | null): string {
  return phone?.replace(/^\+86/, '') ?? '';
}
