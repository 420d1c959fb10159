import type { Rating } from '../domain/vocabulary.ts';
import type { CaseEventFacts } from './case-event.ts';
import { formatNumber } from './format.ts';

const ratings: Record<Rating, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};

/**
 * The server's words in Chinese (zh-CN), the default language. Its shape is the Catalog
 * (catalog.ts) that every language fills: a key missing in en-US.ts fails the type check.
 * Placeholders are ICU's: `{name}`, and plurals `{n, plural, one {# …} other {# …}}` (format.ts).
 */
export const zhCN = {
  /** The five levels of a rating as a sentence writes them: notifications, a case's chain, summaries. */
  ratings,

  /** The public portal (features/portal). */
  portal: {
    siteName: '政务公开日',
    siteTagline: '了解活动安排、查看公开事项、在线咨询并查询办理结果',
    skipToContent: '跳到主要内容',
    navHome: '首页',
    navTrack: '查询办理结果',
    navMain: '主导航',
    languageSwitch: 'English',
    languageSwitchLabel: '切换到英文版',
    footer: '本网站提供政务公开日活动信息。咨询内容仅用于答复您的问题。',
    colon: '：',
    separator: ' · ',
    deskTopics: (topics: readonly string[]) => `（${topics.join('、')}）`,

    homeTitle: '政务公开日活动',
    homeIntro: '选择一项活动，查看参加单位、活动地点和咨询台，或在线提出问题。',
    homeCurrent: '正在进行和即将举行的活动',
    homePast: '往期活动',
    homeEmpty: '目前没有活动。',
    campaignEnded: (day: string) => `本次活动已于${day}结束；问答和办件查询仍可使用。`,
    campaignDates: (from: string, to: string) => `活动时间：${from} 至 ${to}`,
    campaignOpenDay: (day: string) => `集中开放日：${day}`,

    campaignTheme: '活动主题',
    campaignReplyLimit: (days: number) => `在线咨询的问题在 ${days} 个工作日内答复。`,
    campaignActions: '您可以',
    campaignAsk: '在线咨询',
    campaignQa: '公开问答',
    campaignTrack: '查询办理结果',
    campaignCalendar: '下载日程文件（可添加到手机日历）',
    campaignCollection: '总结汇编',
    campaignCollectionLink: (format: 'docx' | 'pdf', language: 'zh-CN' | 'en-US', bytes: number) =>
      `下载总结汇编（${format === 'pdf' ? 'PDF' : 'Word'}${language === 'zh-CN' ? '' : '，英文版'}，${(bytes / 1024 / 1024).toFixed(1)} MB）`,
    campaignNotice: '活动通知',
    noticeOffice: '发文机关',
    noticeNumber: '文号',
    noticePlansDue: '活动方案报送截止',
    noticeSummaryDue: '活动总结报送截止',
    noticeFullText: '通知全文',
    noticeAttachments: '附件',
    campaignFigures: '活动实况',
    campaignFiguresNone: '尚无登记记录。',
    campaignFiguresHint: '根据各单位的登记记录实时统计，只有合计，不含任何个人信息。',
    figurePeople: '接待群众',
    figurePeopleValue: (n: string) => `${n} 人次`,
    figureConsultations: '咨询问题',
    figureCount: (n: string) => `${n} 个`,
    figureAnsweredOnSpot: '当场答复',
    figureRepliedOnTime: '办件按时答复',
    figureRepliedOnTimeValue: (onTime: number, due: number, rate: string | null) =>
      `到期办件 ${formatNumber('zh-CN', due)} 件，按时答复 ${formatNumber('zh-CN', onTime)} 件${rate ? `（按时答复率 ${rate}）` : ''}`,
    figureSatisfaction: '满意率',
    figureSatisfactionValue: (rate: string | null, rated: number) =>
      rate
        ? `${rate}（${formatNumber('zh-CN', rated)} 人次评价）`
        : `评价人次较少（${formatNumber('zh-CN', rated)} 人次），暂不计算`,
    campaignUnits: '参加单位',
    campaignUnitsCount: (n: number) => `共 ${n} 个单位`,
    campaignSites: '活动地点和咨询台',
    campaignSitesEmpty: '各单位尚未公布活动地点。',
    siteWhen: '时间',
    siteAddress: '地址',
    siteUnit: '单位',
    siteDesks: '咨询台',
    siteNoDesks: '未设咨询台',
    hours: (day: string, from: string, to: string) => `${day} ${from}–${to}`,

    unitTitle: (unit: string) => `${unit}`,
    unitDisclosures: '公开事项',
    unitNoDisclosures: '该单位尚未发布公开事项。',
    unitSites: '本单位活动地点',
    unitAsk: '向本单位咨询',
    unitCalendar: '下载本单位日程文件',
    kind_functions: '主要职能',
    kind_service_matter: '服务事项及办事程序',
    kind_service_guide: '服务指南',
    kind_phone: '联系电话',

    askTitle: '在线咨询',
    askLater: (day: string) =>
      `本次政务公开日活动已于${day}结束。您仍可提交问题，我们将作为活动结束后的咨询（后续咨询）办理并答复，不计入活动期间的统计。`,
    askIntro: (days: number) => `请写下您的问题。提交后您会得到一个查询码，可用它查询答复（${days} 个工作日内）。`,
    askKind: '类型',
    kind_question: '咨询问题',
    kind_suggestion: '意见建议',
    kind_complaint: '投诉',
    askTarget: '向谁咨询',
    askTargetHint: '选择单位或问题类别',
    askTargetChoose: '请选择',
    askUnits: '单位',
    askTopics: '问题类别',
    askText: '您的问题',
    askTextHint: '请不要在问题中写身份证号等个人信息。最多 2000 字。',
    askContact: '联系方式（选填）',
    askContactHint: '如需我们电话或邮件联系您，请填写并勾选同意。',
    askName: '姓名',
    askPhone: '电话',
    askEmail: '电子邮箱',
    askConsent: '我同意保存以上联系方式，仅用于答复本问题',
    askHoneypot: '请勿填写此项',
    askSubmit: '提交',
    askDoneTitle: '已收到您的问题',
    askDoneLater: '本次活动已结束，您的问题将作为后续咨询办理并按期答复。',
    askDoneCode: '您的查询码',
    askDoneKeep: '请记下查询码，用它查询办理进度和答复，并对答复作出评价。',
    askDoneUnit: (unit: string) => `办理单位：${unit}`,
    askDoneDue: (day: string) => `答复期限：${day}`,
    askDoneTrack: '查询办理进度',

    trackTitle: '查询办理结果',
    trackIntro: '输入提交问题时得到的查询码。',
    trackCode: '查询码',
    trackCodeHint: '格式如 ABCD-EFGH-JKLM',
    trackSubmit: '查询',
    trackNotFound: '没有找到这个查询码，请检查后重新输入。',
    trackStatus: '办理状态',
    trackUnit: '办理单位',
    trackOpened: '受理时间',
    trackDue: '答复期限',
    trackQuestion: '您的问题',
    trackDueUnconfirmed: '期限待确认：该年度的节假日安排尚未公布，暂按周一至周五计算，期限可能调整。',
    trackChain: '办理过程',
    trackReply: '答复内容',
    trackRepliedAt: (at: string) => `答复时间：${at}`,
    trackNoReply: '尚未答复。',
    trackYourRating: (level: string) => `您的评价：${level}`,
    rateTitle: '请评价答复',
    rateLegend: '您对答复满意吗？',
    rateSubmit: '提交评价',
    rateComment: '评价说明（可不填）',
    rateCommentHint: '说说为什么，单位会看到；请不要填写姓名、电话等个人信息。',
    rateThanks: '感谢您的评价。',
    rating_very_satisfied: '非常满意',
    rating_satisfied: '满意',
    rating_basically_satisfied: '基本满意',
    rating_dissatisfied: '不满意',
    rating_very_dissatisfied: '非常不满意',

    qaTitle: '公开问答',
    qaIntro: '已答复的问题经隐去个人信息后在此公开。',
    qaSearch: '查找',
    qaQuery: '关键词',
    qaUnit: '单位',
    qaTopic: '问题类别',
    qaAny: '全部',
    qaSubmit: '查找',
    qaEmpty: '没有找到相关问答。',
    qaCount: (n: number) => `本页 ${n} 条`,
    qaQuestion: '问',
    qaAnswer: '答',
    qaRepliedAt: (at: string) => `答复于 ${at}`,
    qaMore: '下一页',

    errorTitle: '出错了',
    errorCheck: '请检查以下内容：',
    errorNotFound: '没有找到您要的页面或内容。',
    errorTooMany: '提交过于频繁，请稍后再试。',
    errorForm: '表单已过期，请重新提交。',
    errorServer: '系统暂时无法处理，请稍后再试。',
    errorBack: '返回首页',
    field_text: '您的问题',
    field_target: '向谁咨询',
    field_kind: '类型',
    field_contactName: '姓名',
    field_contactPhone: '电话',
    field_contactEmail: '电子邮箱',
    field_contactConsent: '同意保存联系方式',
    field_website: '请勿填写此项',
    field_code: '查询码',
    field_rating: '评价',
    field_q: '关键词',
    reason_required: '请填写',
    reason_invalid: '格式不正确',
    reason_tooLong: '太长了',
    reason_consent: '填写联系方式时请勾选同意',
    reason_notParticipating: '不是本次活动的参加单位或类别',
    reason_honeypot: '此项应留空',
    reason_alreadyRated: '已经评价过了',
  },

  /** Notifications in the inbox and by mail (features/notifications): `{name}` is a parameter. */
  notifications: {
    /** Each kind's inbox title (the email's subject) and body. A kind missing here gets `generic`. */
    kinds: {
      'case.opened': {
        title: '新办件：{reference}',
        body: '贵单位有一件新的办件（编号 {reference}），请于{dueOn}前答复。',
      },
      'case.transferred': {
        title: '转来的办件：{reference}',
        body: '办件（编号 {reference}）已转交贵单位办理，请于{dueOn}前答复。转办理由：{reason}',
      },
      'case.withdrawn': {
        title: '办件已撤回：{reference}',
        body: '转给贵单位的办件（编号 {reference}）已由登记的咨询台当天撤回，无需再办理。',
      },
      'case.reopened': {
        title: '办件重新办理：{reference}',
        body: '群众对办件（编号 {reference}）的答复不满意，办件已重新打开，请于{dueOn}前重新答复。',
      },
      'case.rated': {
        title: '办件已评价：{reference}',
        body: '群众已对办件（编号 {reference}）的答复作出评价：{rating}。',
      },
      'case.due_soon': {
        title: '办件即将到期：{reference}',
        body: '贵单位承办的办件（编号 {reference}）将于{dueOn}到期，请在期限内答复。',
      },
      'case.due_today': {
        title: '办件今日到期：{reference}',
        body: '贵单位承办的办件（编号 {reference}）今天（{dueOn}）到期，请今日内答复。',
      },
      'case.overdue': {
        title: '办件已超期：{reference}',
        body: '贵单位承办的办件（编号 {reference}）已于{dueOn}到期，尚未答复，请尽快答复。',
      },
      'plan.owed': {
        title: '请报送活动方案：{campaignTitle}',
        body: '活动方案报送截止日期为{plansDueOn}，贵单位的活动方案尚未报送，请在控制台“本单位 → 活动方案”中完善并报送。',
      },
      'summary.owed': {
        title: '请提交活动总结：{campaignTitle}',
        body: '政务公开日（{openDay}）已过去{days}天，贵单位的活动总结尚未提交，请尽快提交。',
      },
      'summary.reminded': {
        title: '组织单位提醒：请提交活动总结',
        body: '组织单位提醒：贵单位“{campaignTitle}”的活动总结尚未报送（或已退回修改），请在控制台“本单位 → 活动总结”中生成、完善并报送。',
      },
    },
    generic: { title: '您有一条新通知', body: '{details}' },
    emailSubjectPrefix: '【政务公开日】',
    emailFooter: '此邮件由政务公开日系统自动发送，请登录系统查看详情。',
  },

  /**
   * What citizens read about their case (features/cases), in plain words. A transfer says the
   * question went to the unit able to answer it, never that it was refused; internal reasons are not shown.
   */
  cases: {
    status: {
      open: '办理中',
      transferred: '已转交有权处理的单位办理',
      replied: '已答复',
      closed: '已办结',
      reopened: '重新办理中',
    },
    /** One step of the chain as the citizen reads it. */
    event: (e: CaseEventFacts): string => {
      const from = e.fromUnitName ?? '';
      const to = e.toUnitName ?? '';
      switch (e.kind) {
        case 'opened':
          return `已受理，由${to}办理`;
        case 'transferred':
          return `转交至有权处理的单位：${to}`;
        case 'extended':
          return `办理时限延长${e.days ?? ''}个工作日，答复期限为${e.dueOn ?? ''}`;
        case 'replied':
          return `${from}已答复`;
        case 'closed':
          return '已办结';
        case 'rated':
          return e.rating ? `您的评价：${ratings[e.rating]}` : '已评价';
        case 'reopened':
          return `根据您的评价重新办理，答复期限为${e.dueOn ?? ''}`;
        case 'published':
          return '已在公开问答中发布（个人信息已隐去）';
        case 'due_recomputed':
          return `因节假日安排调整，答复期限调整为${e.dueOn ?? ''}`;
        case 'return_visit':
          return e.rating ? `已回访，您的评价：${ratings[e.rating]}` : '已回访';
      }
    },
  },

  /**
   * The summary's fixed words (features/summaries). Its sentences are built from the unit's facts
   * by the summaries feature's writers (summaries/messages/zh-CN.ts), which read these.
   */
  summaries: {
    headings: {
      organization: '组织领导和工作部署',
      publicity: '宣传工作',
      service: '现场服务',
      followUp: '意见收集和办理',
      problems: '发现的问题和整改措施',
      nextSteps: '下一步工作',
      remarks: '其他说明',
    },
    nextStepsMissing: '本单位尚未填写下一步工作。',
    nextStepsUntranslated: '［尚未填写中文］',
    noProblems: '根据记录，未发现需要整改的问题。',
    missingItem: {
      plan: '活动方案',
      leader: '分管领导',
      planIssuedOn: '方案印发日期',
      staff: '工作人员人数',
      printRuns: '宣传资料印制数量',
      desks: '咨询服务台',
      ratings: '群众评价',
      topics: '咨询主题',
    },
  },

  /**
   * Why an imported form is refused (features/imports): the file as a whole, its header row, or one
   * cell of a row, shown beside the row and column in the console's list and the command line's.
   */
  imports: {
    /** The forms, as their templates are titled. */
    forms: { consultations: '来访登记表', publicity: '宣传情况登记表', materials: '宣传资料登记表' },
    file: {
      empty: '是空文件',
      oldExcel: '是旧版 Excel 工作簿（.xls）：请另存为 Excel 工作簿（.xlsx）或 CSV 后再导入',
      notText: (encoding: string) => `不全是 ${encoding} 编码的文字`,
      noHeader: '没有表头行',
      noRecords: '只有表头行，下面没有记录',
      changed: '导入过程中文件被改动，未导入任何内容',
      interrupted: '导入未完成即中断（服务器已停止），未导入任何内容：请重新上传文件',
    },
    header: {
      unknownColumn: (form: string) => `不是${form}的列`,
      repeatedColumn: (label: string) => `与“${label}”列重复`,
      missingColumn: (_columnEn: string) => '缺少此列：表头行须包含它',
    },
    cell: {
      required: '必须填写',
      tooLong: (max: number) => `超过 ${max} 个字`,
      oneOf: (labels: string) => `应为以下之一：${labels}`,
      notDate: (example: string) => `不是日期，应如 ${example}`,
      notTime: '不是时间，应如 09:30',
      notUnitDesk: '不是本单位本次活动方案中的服务台',
      notUnitChannelPoint: '不是本单位本次活动热线或信箱的名称或号码',
      channelOfPoint: (kind: 'hotline' | 'mailbox', channel: string) =>
        `是${kind === 'hotline' ? '热线' : '信箱'}，渠道应为“${channel}”`,
      handledMatterRequired: '处理结果为“现场办理”时必须填写',
      handledMatterOnlyHandled: '只在处理结果为“现场办理”时填写',
      notStaffOnDuty: '不是本单位方案中的值班工作人员',
      notUnitPartner: '不是本单位服务台的联合设台单位',
      notDeskPartner: '不是该服务台的联合设台单位',
      notPhone: '不是电话号码',
      yesOrNo: '应为“是”或“否”',
      consentNeeded: '来访人同意（“是”）后方可登记姓名或电话',
      needsQuestion: '同一行须填写咨询问题',
      atLeastOne: '应为不小于 1 的整数',
      httpUrl: '应为以 http:// 或 https:// 开头的网址',
      ledNeedsText: 'LED 标语须填写内容',
      onlineNeedsUrl: '网络发布须填写网址',
      wholeReach: '应为浏览或阅读次数（整数）',
      mediaNeedsOutlet: '媒体报道须填写媒体名称',
      mediaNeedsMedium: '媒体报道须填写媒体类型',
      mediaNeedsTitle: '媒体报道须填写标题',
      onlyMedia: '只在媒体报道或网络发布中填写',
      onlineMedium: '网络发布的媒体类型应为网站或网络平台',
      wholeCopies: '应为份数（整数）',
    },
  },
};
