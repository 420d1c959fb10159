import type { Campaign } from '../campaigns/schema.ts';
import type { PublicCase } from '../cases/schema.ts';
import { RATINGS, type Rating } from '../../domain/vocabulary.ts';
import { DISCLOSURE_KINDS, type Disclosure } from '../disclosures/schema.ts';
import {
  REQUEST_KINDS,
  type AskAnswer,
  type PublicCampaign,
  type PublicNotice,
  type QaPage,
} from '../public/schema.ts';
import { html, paragraphs, type SafeHtml } from './html.ts';
import { nameIn, type Localizer } from './i18n.ts';
import type { PortalSite } from './service.ts';
import { chinaToday } from '../statistics/read.ts';
import type { PublicFigures } from '../statistics/service.ts';
import type { PublishedCollection } from '../reports/service.ts';

/** What every page needs besides its content. */
export interface PageContext {
  l: Localizer;
  /** The URL of this page in the other language. */
  switchHref: string;
  stylesheet: string;
}

/** A problem with one field of a form, in the reader's words. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The page around a body: the site's header with its navigation and, on a campaign's pages, the
 * office that issued the campaign's notice (who speaks to the citizen here).
 */
export function layout(ctx: PageContext, title: string, body: SafeHtml, office?: string): string {
  const { l } = ctx;
  const other = l.locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return `<!doctype html>\n${html`<html lang="${l.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title} - ${l.t.siteName}</title>
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="${ctx.stylesheet}" />
    </head>
    <body>
      <a class="skip-link" href="#main">${l.t.skipToContent}</a>
      <header class="site-header">
        <a class="site-name" href="/">${l.t.siteName}</a>
        ${office ? html`<p class="site-office" lang="zh-CN">${office}</p>` : ''}
        <nav aria-label="${l.t.navMain}">
          <ul>
            <li><a href="/">${l.t.navHome}</a></li>
            <li><a href="/track">${l.t.navTrack}</a></li>
            <li>
              <a href="${ctx.switchHref}" lang="${other}" hreflang="${other}" title="${l.t.languageSwitchLabel}"
                >${l.t.languageSwitch}</a
              >
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabindex="-1">${body}</main>
      <footer class="site-footer"><p>${l.t.footer}</p></footer>
    </body>
  </html>`}\n`;
}

const campaignTitle = (l: Localizer, c: { title: string; titleEn: string | null }) => nameIn(l, c.title, c.titleEn);

function campaignCard(l: Localizer, c: Campaign): SafeHtml {
  return html`<li class="card">
    <h3><a href="/c/${c.slug}">${campaignTitle(l, c)}</a></h3>
    <p>${nameIn(l, c.theme, c.themeEn)}</p>
    <p>${l.t.campaignDates(l.date(c.startsOn), l.date(c.endsOn))}<br />${l.t.campaignOpenDay(l.date(c.openDay))}</p>
  </li>`;
}

export function homePage(ctx: PageContext, campaigns: { current: Campaign[]; past: Campaign[] }): string {
  const { l } = ctx;
  const body = html`<h1>${l.t.homeTitle}</h1>
    <p class="lead">${l.t.homeIntro}</p>
    <h2>${l.t.homeCurrent}</h2>
    ${
      campaigns.current.length
        ? html`<ul class="list-plain">
            ${campaigns.current.map((c) => campaignCard(l, c))}
          </ul>`
        : html`<p>${l.t.homeEmpty}</p>`
    }
    ${
      campaigns.past.length
        ? html`<h2>${l.t.homePast}</h2>
            <ul class="list-plain">
              ${campaigns.past.map((c) => campaignCard(l, c))}
            </ul>`
        : ''
    }`;
  return layout(ctx, l.t.homeTitle, body);
}

/**
 * An English name written for a sentence ("the Shahe Town market", "legal aid desk") standing on
 * its own, as a heading or a list item: without the article, capitalised.
 */
const standalone = (name: string) => name.replace(/^the /, '').replace(/^[a-z]/, (c) => c.toUpperCase());

function siteList(l: Localizer, sites: readonly PortalSite[], withUnit: boolean): SafeHtml {
  return html`<ul class="list-plain">
    ${sites.map(
      (s) =>
        html`<li class="card">
          <h3>${standalone(nameIn(l, s.name, s.name_en))}</h3>
          <dl class="facts">
            ${
              withUnit
                ? html`<dt>${l.t.siteUnit}</dt>
                    <dd>${nameIn(l, s.unit_name, s.unitNameEn)}</dd>`
                : ''
            }
            <dt>${l.t.siteWhen}</dt>
            <dd>${l.t.hours(l.date(s.held_on), s.opens_at, s.closes_at)}</dd>
            <dt>${l.t.siteAddress}</dt>
            <dd>${s.address}</dd>
            <dt>${l.t.siteDesks}</dt>
            <dd>
              ${
                s.desks.length
                  ? html`<ul>
                      ${s.desks.map(
                        (d) =>
                          html`<li>
                            ${standalone(nameIn(l, d.name, d.nameEn))}${
                              d.topics.length ? l.t.deskTopics(l.locale === 'en-US' ? d.topicsEn : d.topics) : ''
                            }
                          </li>`,
                      )}
                    </ul>`
                  : l.t.siteNoDesks
              }
            </dd>
          </dl>
        </li>`,
    )}
  </ul>`;
}

/** The campaign's figures, as a list of terms: what was counted, and how much. */
function figuresList(l: Localizer, f: PublicFigures) {
  if (f.peopleReceived === 0 && f.consultations === 0) return html`<p>${l.t.campaignFiguresNone}</p>`;
  const percent = (rate: number | null) =>
    rate === null ? null : new Intl.NumberFormat(l.locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const items: [string, string][] = [
    [l.t.figurePeople, l.t.figurePeopleValue(l.number(f.peopleReceived))],
    [l.t.figureConsultations, l.t.figureCount(l.number(f.consultations))],
    [l.t.figureAnsweredOnSpot, l.t.figureCount(l.number(f.answeredOnSpot))],
  ];
  if (f.casesDue > 0)
    items.push([
      l.t.figureRepliedOnTime,
      l.t.figureRepliedOnTimeValue(f.repliedOnTime, f.casesDue, percent(f.repliedOnTimeRate)),
    ]);
  if (f.rated > 0)
    items.push([
      l.t.figureSatisfaction,
      l.t.figureSatisfactionValue(f.smallSample ? null : percent(f.satisfactionRate), f.rated),
    ]);
  return html`${definitionList('figures', items)}
    <p class="hint">${l.t.campaignFiguresHint}</p>`;
}

/** Terms and their values, each pair in a div (the figures, the notice's particulars); a value may name its language. */
function definitionList(className: string, items: readonly (readonly [string, string, string?])[]): SafeHtml {
  return html`<dl class="${className}">
    ${items.map(
      ([term, value, lang]) =>
        html`<div>
          <dt>${term}</dt>
          ${lang ? html`<dd lang="${lang}">${value}</dd>` : html`<dd>${value}</dd>`}
        </div>`,
    )}
  </dl>`;
}

/** Has the campaign's last day passed (China's date)? Its desks are closed; a question asked now is a later one. */
const hasEnded = (campaign: Pick<PublicCampaign, 'endsOn'>) => campaign.endsOn < chinaToday();

/** Bytes as a reader says them: 38 KB, 1.2 MB. */
const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const FILE_KIND: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

/** The notice as a document: office and number, title, body, the deadlines and the files that come with it. */
function noticeDocument(l: Localizer, notice: PublicNotice): SafeHtml | '' {
  const particulars: [string, string, string?][] = [[l.t.noticeOffice, notice.issuingOffice, 'zh-CN']];
  if (notice.documentNumber) particulars.push([l.t.noticeNumber, notice.documentNumber, 'zh-CN']);
  if (notice.plansDueOn) particulars.push([l.t.noticePlansDue, l.date(notice.plansDueOn)]);
  if (notice.summaryDueOn) particulars.push([l.t.noticeSummaryDue, l.date(notice.summaryDueOn)]);
  if (!notice.body.trim() && !notice.noticeTitle && !notice.documentNumber && !notice.attachments.length) return '';
  return html`<section class="notice-document" aria-labelledby="notice-heading">
    <h2 id="notice-heading">${l.t.campaignNotice}</h2>
    ${definitionList('notice-meta', particulars)}
    ${
      notice.body.trim() || notice.noticeTitle
        ? html`<details class="notice-text">
            <summary>${l.t.noticeFullText}</summary>
            <div class="document" lang="zh-CN">
              ${notice.documentNumber ? html`<p class="document-number">${notice.documentNumber}</p>` : ''}
              ${notice.noticeTitle ? html`<h3 class="document-title">${notice.noticeTitle}</h3>` : ''}
              ${paragraphs(notice.body)}
            </div>
          </details>`
        : ''
    }
    ${
      notice.attachments.length
        ? html`<h3>${l.t.noticeAttachments}</h3>
            <ul class="attachments">
              ${notice.attachments.map(
                (a) =>
                  html`<li>
                    <a href="${a.downloadUrl}" download>${a.fileName}</a>
                    <span class="hint">(${FILE_KIND[a.contentType] ?? ''}, ${fileSize(a.bytes)})</span>
                  </li>`,
              )}
            </ul>`
        : ''
    }
  </section>`;
}

export function campaignPage(
  ctx: PageContext,
  campaign: PublicCampaign,
  sites: readonly PortalSite[],
  collections: readonly PublishedCollection[] = [],
  figures?: PublicFigures,
): string {
  const { l } = ctx;
  const title = campaignTitle(l, campaign);
  const units = [...campaign.units].sort((a, b) =>
    nameIn(l, a.name, a.nameEn).localeCompare(nameIn(l, b.name, b.nameEn), l.locale),
  );
  // A past campaign says so: its desks are closed, though its Q&A and tracking still answer.
  const ended = hasEnded(campaign);
  const body = html`<h1>${title}</h1>
    ${ended ? html`<p class="notice" role="status">${l.t.campaignEnded(l.date(campaign.endsOn))}</p>` : ''}
    <div class="band">
      <p><strong>${l.t.campaignTheme}</strong>${l.t.colon}${nameIn(l, campaign.theme, campaign.themeEn)}</p>
      <p>
        ${l.t.campaignDates(l.date(campaign.startsOn), l.date(campaign.endsOn))}<br />${l.t.campaignOpenDay(l.date(campaign.openDay))}
      </p>
      <p>${l.t.campaignReplyLimit(campaign.replyLimitDays)}</p>
    </div>
    ${noticeDocument(l, campaign.notice)}
    ${
      figures
        ? html`<h2>${l.t.campaignFigures}</h2>
            ${figuresList(l, figures)}`
        : ''
    }
    <h2>${l.t.campaignActions}</h2>
    <ul class="actions">
      <li><a class="button" href="/c/${campaign.slug}/ask">${l.t.campaignAsk}</a></li>
      <li><a class="button button-secondary" href="/c/${campaign.slug}/qa">${l.t.campaignQa}</a></li>
      <li><a class="button button-secondary" href="/track">${l.t.campaignTrack}</a></li>
    </ul>
    <p><a href="/open-data/campaigns/${campaign.slug}/calendar.ics" download>${l.t.campaignCalendar}</a></p>
    ${
      collections.length
        ? html`<h2>${l.t.campaignCollection}</h2>
            <ul class="collections">
              ${[...collections]
                .sort((a, b) => Number(b.language === l.locale) - Number(a.language === l.locale))
                .map(
                  (c) =>
                    html`<li>
                      <a href="${c.url}" download>${l.t.campaignCollectionLink(c.format, c.language, c.bytes)}</a>
                    </li>`,
                )}
            </ul>`
        : ''
    }
    <h2>${l.t.campaignUnits}</h2>
    <p>${l.t.campaignUnitsCount(units.length)}</p>
    <ul>
      ${units.map((u) => html`<li><a href="/c/${campaign.slug}/units/${u.id}">${nameIn(l, u.name, u.nameEn)}</a></li>`)}
    </ul>
    <h2>${l.t.campaignSites}</h2>
    ${sites.length ? siteList(l, sites, true) : html`<p>${l.t.campaignSitesEmpty}</p>`}`;
  return layout(ctx, title, body, campaign.notice.issuingOffice);
}

const KIND_TITLE = {
  functions: 'kind_functions',
  service_matter: 'kind_service_matter',
  service_guide: 'kind_service_guide',
  phone: 'kind_phone',
} as const;

export function unitPage(
  ctx: PageContext,
  data: {
    campaign: PublicCampaign;
    unit: { id: string; name: string; nameEn: string | null };
    disclosures: readonly Disclosure[];
    sites: readonly PortalSite[];
  },
): string {
  const { l } = ctx;
  const { campaign, unit } = data;
  const name = nameIn(l, unit.name, unit.nameEn);
  const groups = DISCLOSURE_KINDS.map((kind) => ({
    kind,
    items: data.disclosures.filter((d) => d.kind === kind),
  })).filter((g) => g.items.length);
  const body = html`<p><a href="/c/${campaign.slug}">${campaignTitle(l, campaign)}</a></p>
    <h1>${l.t.unitTitle(name)}</h1>
    <ul class="actions">
      <li><a class="button" href="/c/${campaign.slug}/ask?unit=${unit.id}">${l.t.unitAsk}</a></li>
    </ul>
    <h2>${l.t.unitDisclosures}</h2>
    ${
      groups.length
        ? groups.map(
            (g) =>
              html`<h3>${l.t[KIND_TITLE[g.kind]]}</h3>
                ${g.items.map(
                  (d) =>
                    html`<div class="card">
                      <h4>${d.title}</h4>
                      ${paragraphs(d.body)}
                    </div>`,
                )}`,
          )
        : html`<p>${l.t.unitNoDisclosures}</p>`
    }
    <h2>${l.t.unitSites}</h2>
    ${data.sites.length ? siteList(l, data.sites, false) : html`<p>${l.t.campaignSitesEmpty}</p>`}
    <p>
      <a href="/open-data/campaigns/${campaign.slug}/units/${unit.id}/calendar.ics" download>${l.t.unitCalendar}</a>
    </p>`;
  return layout(ctx, name, body);
}

function errorSummary(l: Localizer, errors: readonly FieldError[]): SafeHtml {
  if (!errors.length) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${l.t.errorCheck}</h2>
    <ul>
      ${errors.map((e) => html`<li><a href="#field-${e.field}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}

/** The values of the ask form, as typed (kept when the form comes back with a problem). */
export interface AskFormValues {
  kind?: string | undefined;
  target?: string | undefined;
  text?: string | undefined;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
  contactEmail?: string | undefined;
  contactConsent?: string | undefined;
}

const fieldError = (errors: readonly FieldError[], field: string) => {
  const e = errors.find((x) => x.field === field);
  return e ? html`<p class="error-text" id="error-${field}">${e.message}</p>` : '';
};
const describedBy = (errors: readonly FieldError[], field: string, hint?: string) => {
  const ids = [hint, errors.some((x) => x.field === field) ? `error-${field}` : undefined].filter(Boolean);
  return ids.length ? html` aria-describedby="${ids.join(' ')}"` : '';
};
const invalid = (errors: readonly FieldError[], field: string) =>
  errors.some((x) => x.field === field) ? html` aria-invalid="true"` : '';

export function askPage(
  ctx: PageContext,
  campaign: PublicCampaign,
  form: { csrf: string; key: string; values: AskFormValues; errors: readonly FieldError[] },
): string {
  const { l } = ctx;
  const { values: v, errors } = form;
  const kind = v.kind ?? 'question';
  const textInput = (
    field: 'contactName' | 'contactPhone' | 'contactEmail',
    type: string,
    label: string,
    autocomplete: string,
  ) =>
    html`<div class="field">
      <label for="field-${field}">${label}</label>${fieldError(errors, field)}
      <input
        type="${type}"
        id="field-${field}"
        name="${field}"
        value="${v[field] ?? ''}"
        autocomplete="${autocomplete}"
        maxlength="${field === 'contactName' ? 100 : 200}"
        ${invalid(errors, field)}${describedBy(errors, field)}
      />
    </div>`;
  const body = html`<p><a href="/c/${campaign.slug}">${campaignTitle(l, campaign)}</a></p>
    <h1>${l.t.askTitle}</h1>
    ${
      hasEnded(campaign)
        ? html`<p class="notice" role="status" id="ask-later">${l.t.askLater(l.date(campaign.endsOn))}</p>`
        : ''
    }
    <p class="lead">${l.t.askIntro(campaign.replyLimitDays)}</p>
    ${errorSummary(l, errors)}
    <form method="post" action="/c/${campaign.slug}/ask" novalidate>
      <input type="hidden" name="_csrf" value="${form.csrf}" />
      <input type="hidden" name="key" value="${form.key}" />
      <fieldset id="field-kind">
        <legend>${l.t.askKind}</legend>
        ${REQUEST_KINDS.map(
          (k) =>
            html`<div class="choice">
              <input type="radio" id="kind-${k}" name="kind" value="${k}" ${k === kind ? html` checked` : ''} /><label
                for="kind-${k}"
                >${l.t[`kind_${k}`]}</label
              >
            </div>`,
        )}
      </fieldset>
      <div class="field">
        <label for="field-target">${l.t.askTarget}</label>
        <p class="hint" id="hint-target">${l.t.askTargetHint}</p>
        ${fieldError(errors, 'target')}
        <select
          id="field-target"
          name="target"
          required${invalid(errors, 'target')}${describedBy(errors, 'target', 'hint-target')}
        >
          <option value="">${l.t.askTargetChoose}</option>
          ${campaign.topics.length ? html`<optgroup label="${l.t.askTopics}">${campaign.topics.map((t) => html`<option value="topic:${t.code}" ${v.target === `topic:${t.code}` ? html` selected` : ''}>${nameIn(l, t.name, t.nameEn)}</option>`)}</optgroup>` : ''}
          <optgroup label="${l.t.askUnits}">
            ${campaign.units.map((u) => html`<option value="unit:${u.id}" ${v.target === `unit:${u.id}` ? html` selected` : ''}>${nameIn(l, u.name, u.nameEn)}</option>`)}
          </optgroup>
        </select>
      </div>
      <div class="field">
        <label for="field-text">${l.t.askText}</label>
        <p class="hint" id="hint-text">${l.t.askTextHint}</p>
        ${fieldError(errors, 'text')}
        <textarea
          id="field-text"
          name="text"
          rows="6"
          maxlength="2000"
          required${invalid(errors, 'text')}${describedBy(errors, 'text', 'hint-text')}
        >
${v.text ?? ''}</textarea>
      </div>
      <fieldset>
        <legend>${l.t.askContact}</legend>
        <p class="hint">${l.t.askContactHint}</p>
        ${textInput('contactName', 'text', l.t.askName, 'name')}
        ${textInput('contactPhone', 'tel', l.t.askPhone, 'tel')}
        ${textInput('contactEmail', 'email', l.t.askEmail, 'email')} ${fieldError(errors, 'contactConsent')}
        <div class="choice">
          <input
            type="checkbox"
            id="field-contactConsent"
            name="contactConsent"
            value="on"
            ${v.contactConsent === 'on' ? html` checked` : ''}${invalid(errors, 'contactConsent')}
          /><label for="field-contactConsent">${l.t.askConsent}</label>
        </div>
      </fieldset>
      <div class="honeypot">
        <label for="field-website">${l.t.askHoneypot}</label
        ><input type="text" id="field-website" name="website" value="" tabindex="-1" autocomplete="off" />
      </div>
      <button type="submit">${l.t.askSubmit}</button>
    </form>`;
  return layout(ctx, l.t.askTitle, body, campaign.notice.issuingOffice);
}

export function askDonePage(ctx: PageContext, campaign: PublicCampaign, answer: AskAnswer): string {
  const { l } = ctx;
  const body = html`<p><a href="/c/${campaign.slug}">${campaignTitle(l, campaign)}</a></p>
    <h1>${l.t.askDoneTitle}</h1>
    <div class="notice" role="status">
      <p>${l.t.askDoneCode}</p>
      <p class="code" id="tracking-code">${answer.trackingCode}</p>
    </div>
    <p>${l.t.askDoneKeep}</p>
    ${answer.later ? html`<p class="notice" role="status">${l.t.askDoneLater}</p>` : ''}
    <p>
      ${l.t.askDoneUnit(nameIn(l, answer.unitName, answer.unitNameEn))}<br />${l.t.askDoneDue(l.date(answer.dueOn))}
    </p>
    <p><a class="button" href="/track?code=${answer.trackingCode}">${l.t.askDoneTrack}</a></p>`;
  return layout(ctx, l.t.askDoneTitle, body);
}

const ratingText = (l: Localizer, r: Rating) => l.t[`rating_${r}`];

export function trackPage(
  ctx: PageContext,
  data: {
    code: string;
    found?: PublicCase | undefined;
    notFound?: boolean;
    rated?: boolean;
    csrf: string;
    errors: readonly FieldError[];
  },
): string {
  const { l } = ctx;
  const c = data.found;
  const form = html`<form method="get" action="/track" class="band">
    <div class="field">
      <label for="field-code">${l.t.trackCode}</label>
      <p class="hint" id="hint-code">${l.t.trackCodeHint}</p>
      <input
        type="text"
        id="field-code"
        name="code"
        value="${data.code}"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        maxlength="40"
        aria-describedby="hint-code"
      />
    </div>
    <button type="submit">${l.t.trackSubmit}</button>
  </form>`;
  const result = c
    ? html`<h2>${l.t.trackStatus}${l.t.colon}${c.statusText[l.locale]}</h2>
        ${data.rated ? html`<p class="notice" role="status">${l.t.rateThanks}</p>` : ''}
        <dl class="facts">
          <dt>${l.t.trackCode}</dt>
          <dd class="code">${c.trackingCode}</dd>
          <dt>${l.t.trackUnit}</dt>
          <dd>${nameIn(l, c.unitName, c.unitNameEn)}</dd>
          <dt>${l.t.trackOpened}</dt>
          <dd>${l.dateTime(c.openedAt)}</dd>
          <dt>${l.t.trackDue}</dt>
          <dd>
            ${l.date(c.dueOn)}${c.dueUnconfirmed ? html`<p class="hint" id="due-unconfirmed">${l.t.trackDueUnconfirmed}</p>` : ''}
          </dd>
        </dl>
        <h2>${l.t.trackQuestion}</h2>
        <div class="card">${paragraphs(c.question)}</div>
        <h2>${l.t.trackChain}</h2>
        <ol class="chain">
          ${c.chain.map((e) => html`<li><time datetime="${e.at}">${l.dateTime(e.at)}</time>${l.t.colon}${e.text[l.locale]}</li>`)}
        </ol>
        <h2>${l.t.trackReply}</h2>
        ${c.reply ? html`<div class="card">${paragraphs(c.reply)}${c.repliedAt ? html`<p class="hint">${l.t.trackRepliedAt(l.dateTime(c.repliedAt))}</p>` : ''}</div>` : html`<p>${l.t.trackNoReply}</p>`}
        ${c.rating ? html`<p>${l.t.trackYourRating(ratingText(l, c.rating))}</p>` : ''}
        ${c.canRate ? ratingForm(l, c.trackingCode, data.csrf, data.errors) : ''}`
    : data.notFound
      ? html`<p class="error-text" role="alert">${l.t.trackNotFound}</p>`
      : '';
  const body = html`<h1>${l.t.trackTitle}</h1>
    <p class="lead">${l.t.trackIntro}</p>
    ${form} ${result}`;
  return layout(ctx, l.t.trackTitle, body);
}

function ratingForm(l: Localizer, code: string, csrf: string, errors: readonly FieldError[]): SafeHtml {
  return html`<h2>${l.t.rateTitle}</h2>
    ${errorSummary(l, errors)}
    <form method="post" action="/track/rate">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <input type="hidden" name="code" value="${code}" />
      <fieldset id="field-rating">
        <legend>${l.t.rateLegend}</legend>
        ${RATINGS.map((r) => html`<div class="choice"><input type="radio" id="rating-${r}" name="rating" value="${r}" required /><label for="rating-${r}">${ratingText(l, r)}</label></div>`)}
      </fieldset>
      <div class="field">
        <label for="field-comment">${l.t.rateComment}</label>
        <p class="hint" id="hint-comment">${l.t.rateCommentHint}</p>
        <textarea id="field-comment" name="comment" rows="3" maxlength="500" aria-describedby="hint-comment"></textarea>
      </div>
      <button type="submit">${l.t.rateSubmit}</button>
    </form>`;
}

export function qaPage(
  ctx: PageContext,
  campaign: PublicCampaign,
  search: { q: string; unit: string; topic: string },
  page: QaPage,
  nextHref: string | null,
): string {
  const { l } = ctx;
  const body = html`<p><a href="/c/${campaign.slug}">${campaignTitle(l, campaign)}</a></p>
    <h1>${l.t.qaTitle}</h1>
    <p class="lead">${l.t.qaIntro}</p>
    <form method="get" action="/c/${campaign.slug}/qa" class="band" role="search" aria-label="${l.t.qaSearch}">
      <div class="field">
        <label for="field-q">${l.t.qaQuery}</label
        ><input type="search" id="field-q" name="q" value="${search.q}" maxlength="100" />
      </div>
      <div class="field">
        <label for="field-unit">${l.t.qaUnit}</label
        ><select id="field-unit" name="unit">
          <option value="">${l.t.qaAny}</option>
          ${campaign.units.map((u) => html`<option value="${u.id}" ${search.unit === u.id ? html` selected` : ''}>${nameIn(l, u.name, u.nameEn)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="field-topic">${l.t.qaTopic}</label
        ><select id="field-topic" name="topic">
          <option value="">${l.t.qaAny}</option>
          ${campaign.topics.map((t) => html`<option value="${t.code}" ${search.topic === t.code ? html` selected` : ''}>${nameIn(l, t.name, t.nameEn)}</option>`)}
        </select>
      </div>
      <button type="submit">${l.t.qaSubmit}</button>
    </form>
    <h2>${l.t.qaCount(page.items.length)}</h2>
    ${
      page.items.length
        ? html`<ul class="list-plain">
            ${page.items.map(
              (item) =>
                html`<li class="card">
                  <h3>${l.t.qaQuestion}${l.t.colon}${item.question}</h3>
                  <p class="hint">
                    ${nameIn(l, item.unitName, item.unitNameEn)}${item.topic ? html`${l.t.separator}${nameIn(l, item.topic.name, item.topic.nameEn)}` : ''}
                  </p>
                  <div><strong>${l.t.qaAnswer}${l.t.colon}</strong>${paragraphs(item.answer)}</div>
                  ${item.repliedAt ? html`<p class="hint">${l.t.qaRepliedAt(l.dateTime(item.repliedAt))}</p>` : ''}
                </li>`,
            )}
          </ul>`
        : html`<p>${l.t.qaEmpty}</p>`
    }
    ${nextHref ? html`<p><a href="${nextHref}">${l.t.qaMore}</a></p>` : ''}`;
  return layout(ctx, l.t.qaTitle, body, campaign.notice.issuingOffice);
}

export function errorPage(ctx: PageContext, message: string): string {
  const { l } = ctx;
  return layout(
    ctx,
    l.t.errorTitle,
    html`<h1>${l.t.errorTitle}</h1>
      <p role="alert">${message}</p>
      <p><a href="/">${l.t.errorBack}</a></p>`,
  );
}
