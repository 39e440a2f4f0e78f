/** Every UI string in Simplified Chinese, the default language. `en.ts` mirrors these keys. */
export const zhCN = {
  meta: {
    siteTitle: '重庆城市精神 · City Spirit',
    pageTitle: '{{page}} · City Spirit',
  },
  skipLink: '跳到主要内容',
  language: {
    /** The switch names the language it switches to, in that language. */
    switchTo: 'English',
    switchToLang: 'en',
  },
  header: {
    siteName: '重庆城市精神',
    tagline: '市民共创平台',
    navLabel: '主导航',
    nav: {
      campaign: '征集活动',
      process: '参与流程',
      about: '关于平台',
    },
  },
  phase: {
    tag: '试运行',
    text: '平台正在逐步开放，表述的提交、浏览和投票将在后续版本中上线。',
  },
  campaign: {
    eyebrow: '全市公开征集',
    sealCharacter: '渝',
    nicknames: ['山城', '江城', '桥都'],
    stageBadge: '当前阶段：{{stage}}',
    stepOf: '第 {{step}} 步，共 {{total}} 步',
    nowHeading: '现阶段，你可以',
    stageEnds: '本阶段截至 {{date}}。',
    stageStarts: '本阶段自 {{date}} 开始。',
    countsHeading: '参与情况',
    counts: {
      submissions: '已公开的表述',
      participants: '提交表述的市民',
      districts: '表述来自的区县',
    },
    countsUpdated: '更新于 {{time}} · 每 15 秒自动刷新',
    countsStale: '暂时无法获取最新数字，下方显示的是上一次获取的数据。',
    timelineHeading: '参与流程',
    timelineIntro: '一句城市精神，从市民的提议开始，经过讨论和专家提炼，最终向全市发布。每个阶段都公开进行。',
    aboutHeading: '关于这次征集',
    stageStatus: {
      done: '已结束',
      current: '当前阶段',
      upcoming: '未开始',
    },
    dates: {
      range: '{{start}}至{{end}}',
      from: '{{date}}起',
      until: '至{{date}}',
      tbd: '日期待定',
    },
    untranslatedNote: '本活动的介绍暂时只有中文版本。',
  },
  stages: {
    collect: {
      name: '征集',
      summary: '写下你心中的重庆城市精神，也为认同的表述投票。',
      now: [
        '用简短的词句写下你心中的重庆城市精神，并说说理由。',
        '为你认同的表述投票，或者留下评论。',
        '看到不当内容可以举报，管理员会公开处理结果。',
      ],
    },
    discuss: {
      name: '讨论',
      summary: '比较、讨论已征集的表述，管理员公开遴选入围表述。',
      now: [
        '阅读已征集的表述，发表支持、反对或中立的意见。',
        '继续投票，或在两条表述之间选出你更认同的一条。',
        '关注管理员公布的入围名单和遴选理由。',
      ],
    },
    refine: {
      name: '提炼',
      summary: '专家在入围表述的基础上起草，市民评议公开的草稿。',
      now: [
        '阅读专家公开的草稿，以及每一次修改的理由。',
        '对草稿发表意见，并为你认同的草稿投票。',
      ],
    },
    announced: {
      name: '发布',
      summary: '最终表述向全市发布，形成过程全部可查。',
      now: [
        '阅读最终发布的重庆城市精神表述。',
        '查看它由哪些市民表述提炼而来，以及讨论、投票和专家意见的完整记录。',
      ],
    },
  },
  loading: {
    campaign: '正在加载征集活动…',
  },
  error: {
    heading: '暂时无法显示这个页面',
    network: '无法连接到服务器。请检查网络连接，稍后再试。',
    generic: '服务器暂时无法处理这个请求。请稍后再试。',
    code: '错误代码：{{code}}',
    retry: '重试',
    retrying: '正在重试…',
  },
  empty: {
    heading: '目前没有进行中的征集',
    text: '新的征集活动发布后会在这里显示，欢迎稍后再来。',
  },
  notFound: {
    title: '找不到页面',
    status: '404',
    heading: '找不到这个页面',
    text: '你访问的地址不存在，或者页面已经移动。请检查地址是否输入正确。',
    campaignText: '没有找到这个征集活动。它可能已被移除，或者地址有误。',
    home: '返回首页',
  },
  footer: {
    aboutHeading: '关于平台',
    aboutText:
      'City Spirit 是一个开源的市民共创平台。它的第一次征集邀请每一位市民用简短的词句写下重庆的城市精神：大家提交、讨论、投票，管理员公开遴选，专家在此基础上提炼，最后向全市发布。',
    openHeading: '开源与开放数据',
    openText: '平台源代码公开，任何人都可以查看、运行和改进。征集活动的公开数据可以通过开放接口获取，其中不含个人信息。',
    apiLead: '接口文档：',
    api: 'API',
    privacyHeading: '数据保护',
    privacyText:
      '我们只收集参与所必需的信息。你的手机号和邮箱不会公开，公开显示的只有你选择的昵称和所在区县。你可以随时导出或删除自己的数据。',
    bottomLine: 'City Spirit · 开源市民参与平台',
  },
} as const;
