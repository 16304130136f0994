import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function createTestDataSource(url: string, schema: string, entities: MixedList<Function | string | EntitySchema> = []): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', url, schema, entities, synchronize: true, extra: { max: 5 } });
  await ds.initialize();
  return ds;
}
