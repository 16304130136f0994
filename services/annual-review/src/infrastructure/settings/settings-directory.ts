import type { DataSource } from 'typeorm';
import { csvRecords, type CsvInput } from '@ehc/csv';
import { GIAS_REQUIRED_COLUMNS, settingFromGias } from './gias';
import { SettingRecord } from './setting.entity';

/** The file is CSV, but not in the layout of a GIAS establishment extract. */
export class NotAGiasExtractError extends Error {
  override readonly name = 'NotAGiasExtractError';
}

export interface SettingsImportReport {
  rowsTaken: number;
  rowsRefused: { row: number; reason: string }[];
}

/**
 * The settings directory: where the hub looks up a setting by URN to name it in a plan, to list a
 * setting's pupils, and to tell a phase transfer (its phase and age range). It lives in the annual
 * review service, which owns those questions; other services keep the URN and name they were given.
 */
export class SettingsDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Imports a GIAS extract, streamed row by row; the same file twice changes nothing (upsert by URN).
   * One transaction: a file that turns out malformed part way (`MalformedCsvError`, with its line) or
   * lacks the GIAS columns (`NotAGiasExtractError`) changes nothing.
   */
  async importGias(csv: CsvInput): Promise<SettingsImportReport> {
    return this.dataSource.transaction(async (manager) => {
      const report: SettingsImportReport = { rowsTaken: 0, rowsRefused: [] };
      let batch: SettingRecord[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await manager.getRepository(SettingRecord).upsert(batch, ['urn']);
        batch = [];
      };
      const onHeader = (header: string[]) => {
        const missing = GIAS_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length) throw new NotAGiasExtractError(`the file lacks the GIAS columns ${missing.join(', ')}`);
      };
      const seen = new Set<string>();
      for await (const { row, values } of csvRecords(csv, { onHeader })) {
        const setting = settingFromGias(values);
        if ('error' in setting) { report.rowsRefused.push({ row, reason: setting.error }); continue; }
        if (seen.has(setting.urn)) { report.rowsRefused.push({ row, reason: `duplicate URN ${setting.urn} in the file` }); continue; }
        seen.add(setting.urn);
        batch.push(setting as SettingRecord);
        report.rowsTaken++;
        if (batch.length === 1000) await flush();
      }
      await flush();
      return report;
    });
  }

  byUrn(urn: string): Promise<SettingRecord | null> {
    return this.dataSource.getRepository(SettingRecord).findOneBy({ urn });
  }

  async byUrns(urns: string[]): Promise<Map<string, SettingRecord>> {
    if (urns.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(SettingRecord).createQueryBuilder('s').where('s.urn = ANY(:urns)', { urns }).getMany();
    return new Map(rows.map((r) => [r.urn, r]));
  }

  async search(q: { name?: string; type?: string; limit?: number }): Promise<SettingRecord[]> {
    const qb = this.dataSource.getRepository(SettingRecord).createQueryBuilder('s');
    if (q.name) qb.andWhere('s.name ILIKE :name', { name: `%${q.name}%` });
    if (q.type) qb.andWhere('s.type = :type', { type: q.type });
    return qb.orderBy('s.name').limit(q.limit ?? 50).getMany();
  }
}
