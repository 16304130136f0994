// @ehc/letters: letters as printable HTML pages, with appeal rights.
export * from './letter-page';
