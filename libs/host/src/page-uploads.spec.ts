import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { isUploadedFile, multipartForm } from './page-uploads';

/** The multipart parser a page's upload form gets (its path only: http-app.ts), alone on an Express app. */
function appWith(limit: number) {
  const app = express();
  app.use(multipartForm(limit));
  app.post('/upload', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.json({ fields: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, isUploadedFile(v) ? { file: v.filename, bytes: v.bytes, text: v.text } : v])) });
  });
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(error.status ?? (error as { problem?: { status: number } }).problem?.status ?? 500).json({ type: error.type ?? 'problem' });
  });
  return app;
}

describe('a page\'s multipart upload form', () => {
  it('reads its fields and its file, each field once', async () => {
    const res = await request(appWith(10_000)).post('/upload')
      .field('csrf', 'token-1').field('kind', 'plans').field('kind', 'settings')
      .attach('file', Buffer.from('reference,given_name\nLEG-1,Amara\n'), { filename: 'plans.csv', contentType: 'text/csv' })
      .expect(200);
    expect(res.body.fields).toEqual({ csrf: 'token-1', kind: 'plans', file: { file: 'plans.csv', bytes: 33, text: 'reference,given_name\nLEG-1,Amara\n' } });
  });

  it('answers a body over its limit 413 before reading the rest', async () => {
    const res = await request(appWith(1000)).post('/upload').field('csrf', 't').attach('file', Buffer.alloc(5000, 'a'), { filename: 'big.csv', contentType: 'text/csv' });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('entity.too.large');
  });

  it('refuses a body that is not a well-formed multipart form (400), and leaves any other type alone', async () => {
    await request(appWith(1000)).post('/upload').set('content-type', 'multipart/form-data; boundary=x').send('not a form').expect(400);
    expect((await request(appWith(1000)).post('/upload').type('form').send('csrf=t').expect(200)).body.fields).toEqual({});
  });

  it('keeps a field named __proto__ a field', async () => {
    const res = await request(appWith(1000)).post('/upload').field('__proto__', 'x').field('csrf', 't').expect(200);
    expect(res.body.fields.csrf).toBe('t');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
