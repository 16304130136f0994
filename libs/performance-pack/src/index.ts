export * from './pack-view';
export { packCsv, PACK_CSV_HEADER } from './pack-csv';
export { packWorkbook, sheetNames, VALUE_FORMATS } from './pack-workbook';
export { renderPackHtml, PACK_CSS, type PackHtmlOptions } from './pack-html';
