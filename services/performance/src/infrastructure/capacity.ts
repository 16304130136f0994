import type { Pool } from 'pg';
import type { CapacityRow } from '../domain/place-planning';

/** The imported rows, each (urn, academic year) replacing the one held, all or none. */
export async function replaceCapacity(pool: Pool, schema: string, rows: readonly CapacityRow[]): Promise<void> {
  await pool.query(
    `INSERT INTO "${schema}".pf_school_capacity (urn, academic_year, name, places)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[])
     ON CONFLICT (urn, academic_year) DO UPDATE SET name = excluded.name, places = excluded.places, imported_at = now()`,
    [rows.map((r) => r.urn), rows.map((r) => r.academicYear), rows.map((r) => r.name), rows.map((r) => r.places)],
  );
}

export async function capacityFor(pool: Pool, schema: string, academicYear: number): Promise<CapacityRow[]> {
  const { rows } = await pool.query<{ urn: string; name: string; academic_year: number; places: number }>(
    `SELECT urn, name, academic_year, places FROM "${schema}".pf_school_capacity WHERE academic_year = $1 ORDER BY name, urn`, [academicYear]);
  return rows.map((r) => ({ urn: r.urn, name: r.name, academicYear: r.academic_year, places: r.places }));
}

export async function listCapacity(pool: Pool, schema: string) {
  const { rows } = await pool.query<{ urn: string; name: string; academic_year: number; places: number; imported_at: Date }>(
    `SELECT urn, name, academic_year, places, imported_at FROM "${schema}".pf_school_capacity ORDER BY academic_year DESC, name, urn`);
  return rows.map((r) => ({ urn: r.urn, name: r.name, academicYear: r.academic_year, places: r.places, importedAt: r.imported_at.toISOString() }));
}
