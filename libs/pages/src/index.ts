// @ehc/pages: GOV.UK pages rendered on the server the same way in every service (Nunjucks with
// GOV.UK Frontend's macros, autoescaped; its stylesheet without the GOV.UK-only font).
export * from './govuk';
