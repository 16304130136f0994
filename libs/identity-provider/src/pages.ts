import { createHash } from 'node:crypto';

/**
 * The sign-in pages: server-rendered HTML in the GOV.UK Design System's markup (govuk-template,
 * govuk-form-group, govuk-error-summary linking to the field, govuk-button), no JavaScript, and no
 * inline style: the few rules below are served from the provider's own path as a stylesheet, so
 * the pages work under a strict Content Security Policy (`pageSecurityPolicy`).
 */

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small subset of GOV.UK Frontend's look (its CSS is not a dependency of the hub). */
export const STYLESHEET = `
html.govuk-template{background:#f3f2f1;font-family:arial,sans-serif;font-size:19px;line-height:1.3}
body.govuk-template__body{margin:0;background:#fff;color:#0b0c0c}
.govuk-header{background:#0b0c0c;color:#fff;padding:10px 15px;font-weight:700;font-size:24px}
.govuk-width-container{max-width:640px;margin:0 15px}
.govuk-main-wrapper{padding:40px 0}
.govuk-heading-l{font-size:36px;margin:0 0 30px}
.govuk-body{margin:0 0 20px}
.govuk-form-group{margin-bottom:30px}
.govuk-form-group--error{border-left:5px solid #d4351c;padding-left:15px}
.govuk-label{display:block;margin-bottom:5px}
.govuk-hint{color:#505a5f;margin-bottom:15px}
.govuk-input{box-sizing:border-box;width:100%;max-width:20em;height:40px;padding:5px;border:2px solid #0b0c0c;font-size:19px}
.govuk-input--width-10{max-width:11em}
.govuk-input--error{border-color:#d4351c}
.govuk-error-message{color:#d4351c;font-weight:700;margin:0 0 15px}
.govuk-error-summary{border:5px solid #d4351c;padding:20px;margin-bottom:30px}
.govuk-error-summary__title{margin-top:0;font-size:24px}
.govuk-error-summary__list{margin:0;padding:0;list-style:none}
.govuk-error-summary__list a{color:#d4351c;font-weight:700}
.govuk-button{background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;padding:8px 10px;font-size:19px;cursor:pointer}
.govuk-inset-text{border-left:10px solid #b1b4b6;padding:15px;margin:20px 0;word-break:break-all}
.govuk-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important}
code{font-size:22px;letter-spacing:2px}
`.trim();

export const STYLESHEET_SHA256 = createHash('sha256').update(STYLESHEET).digest('base64');

/**
 * The policy the sign-in pages are served with: nothing but the provider's own stylesheet, forms
 * posting to this origin (and the redirect a form's answer leads to: the workspace's origins, as
 * browsers apply form-action to the redirects after a form too), never framed.
 */
export function pageSecurityPolicy(formTargets: readonly string[]): string {
  const targets = [...new Set(formTargets)].filter((o) => /^https?:\/\/[^\s;,']+$/.test(o));
  return ["default-src 'none'", "style-src 'self'", `form-action 'self'${targets.map((t) => ` ${t}`).join('')}`, "frame-ancestors 'none'", "base-uri 'none'"].join('; ');
}

export interface FieldError { field: string; message: string }

interface PageOptions { title: string; stylesheet: string; errors?: FieldError[]; body: string }

function page({ title, stylesheet, errors = [], body }: PageOptions): string {
  const summary = errors.length === 0 ? '' : `
      <div class="govuk-error-summary" data-module="govuk-error-summary">
        <div role="alert">
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body">
            <ul class="govuk-list govuk-error-summary__list">
              ${errors.map((e) => `<li><a href="#${escapeHtml(e.field)}">${escapeHtml(e.message)}</a></li>`).join('\n              ')}
            </ul>
          </div>
        </div>
      </div>`;
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
  <head>
    <meta charset="utf-8">
    <title>${errors.length ? 'Error: ' : ''}${escapeHtml(title)} – EHC Hub</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <link rel="stylesheet" href="${escapeHtml(stylesheet)}">
  </head>
  <body class="govuk-template__body">
    <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
    <header class="govuk-header" role="banner"><div class="govuk-width-container">EHC Hub</div></header>
    <div class="govuk-width-container">
      <main class="govuk-main-wrapper" id="main-content" role="main">${summary}
        <h1 class="govuk-heading-l">${escapeHtml(title)}</h1>
${body}
      </main>
    </div>
  </body>
</html>`;
}

interface Field { id: string; label: string; type: 'text' | 'password'; autocomplete: string; value?: string; hint?: string; numeric?: boolean }

function field(f: Field, errors: FieldError[]): string {
  const error = errors.find((e) => e.field === f.id);
  const describedBy = [f.hint ? `${f.id}-hint` : '', error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  return `        <div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}">
          <label class="govuk-label" for="${f.id}">${escapeHtml(f.label)}</label>
          ${f.hint ? `<div id="${f.id}-hint" class="govuk-hint">${escapeHtml(f.hint)}</div>` : ''}
          ${error ? `<p id="${f.id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${escapeHtml(error.message)}</p>` : ''}
          <input class="govuk-input${f.numeric ? ' govuk-input--width-10' : ''}${error ? ' govuk-input--error' : ''}" id="${f.id}" name="${f.id}" type="${f.type}" autocomplete="${f.autocomplete}" spellcheck="false"${f.numeric ? ' inputmode="numeric"' : ''}${f.value !== undefined ? ` value="${escapeHtml(f.value)}"` : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}>
        </div>`;
}

const form = (action: string, fields: string, button: string) => `        <form method="post" action="${escapeHtml(action)}" novalidate>
${fields}
          <button type="submit" class="govuk-button" data-module="govuk-button">${escapeHtml(button)}</button>
        </form>`;

export interface Links { stylesheet: string; action: string }

export const signInPage = (links: Links, input: { username?: string; errors?: FieldError[] } = {}) => page({
  title: 'Sign in', stylesheet: links.stylesheet, errors: input.errors,
  body: form(links.action, [
    field({ id: 'username', label: 'Username', type: 'text', autocomplete: 'username', value: input.username ?? '' }, input.errors ?? []),
    field({ id: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }, input.errors ?? []),
  ].join('\n'), 'Sign in'),
});

export const newPasswordPage = (links: Links, input: { errors?: FieldError[] } = {}) => page({
  title: 'Choose a new password', stylesheet: links.stylesheet, errors: input.errors,
  body: `        <p class="govuk-body">You signed in with a one-time password. Choose your own password to continue.</p>
${form(links.action, [
    field({ id: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: 'At least 12 characters, and not your username. A few unrelated words make a good one.' }, input.errors ?? []),
    field({ id: 'confirm', label: 'Type your new password again', type: 'password', autocomplete: 'new-password' }, input.errors ?? []),
  ].join('\n'), 'Save password and continue')}`,
});

export const enrolAuthenticatorPage = (links: Links, input: { secret: string; uri: string; errors?: FieldError[] }) => page({
  title: 'Set up your authenticator app', stylesheet: links.stylesheet, errors: input.errors,
  body: `        <p class="govuk-body">Staff accounts need a code from an authenticator app as well as a password. Add an account to your authenticator app with this key (time-based, 6 digits, every 30 seconds):</p>
        <div class="govuk-inset-text"><code id="totp-secret">${escapeHtml(input.secret.replace(/(.{4})/g, '$1 ').trim())}</code></div>
        <p class="govuk-body">Or, if your app takes a link, this one:</p>
        <div class="govuk-inset-text" id="totp-uri">${escapeHtml(input.uri)}</div>
${form(links.action, field({ id: 'code', label: 'Enter the 6-digit code your app shows', type: 'text', autocomplete: 'one-time-code', numeric: true }, input.errors ?? []), 'Continue')}`,
});

export const authenticatorCodePage = (links: Links, input: { errors?: FieldError[] } = {}) => page({
  title: 'Enter the code from your authenticator app', stylesheet: links.stylesheet, errors: input.errors,
  body: form(links.action, field({ id: 'code', label: 'Code', type: 'text', autocomplete: 'one-time-code', numeric: true, hint: 'The 6-digit code your authenticator app shows for EHC Hub' }, input.errors ?? []), 'Continue'),
});

export const messagePage = (stylesheet: string, title: string, message: string) => page({
  title, stylesheet, body: `        <p class="govuk-body">${escapeHtml(message)}</p>`,
});

export const logoutPage = (stylesheet: string, formHtml: string) => page({
  title: 'Sign out of EHC Hub', stylesheet,
  body: `        ${formHtml}
        <button type="submit" class="govuk-button" form="op.logoutForm" value="yes" name="logout">Sign out</button>
        <button type="submit" class="govuk-button" form="op.logoutForm">Stay signed in</button>`,
});
