import request from 'supertest';
import { Controller, Get, Module, Req, type INestApplication } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { fixedClock } from '@ehc/domain-kernel';
import { ProblemFilter } from '@ehc/http';
import { AccessTokenVerifier } from './access-token';
import { ACCESS_TOKEN_VERIFIER, AccessGuard } from './access-guard';
import type { AuthenticatedRequest } from './authentication';
import { Allow, Public } from './policy';

const ISSUER = 'https://id.example-council.gov.uk/realms/ehc-hub';
const NOW = '2026-03-02T10:00:00Z';
const now = Date.parse(NOW) / 1000;

@Controller('cases')
@Allow('caseworker', 'team-manager')
class CasesController {
  @Get('mine')
  mine(@Req() req: AuthenticatedRequest) {
    return { subject: req.caller?.subject };
  }

  @Get('reassign')
  @Allow('team-manager')
  reassign() {
    return { ok: true };
  }
}

@Controller('open')
class OpenController {
  @Get('health')
  @Public('no personal data')
  health() {
    return { ok: true };
  }

  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}

describe('the access guard (deny by default)', () => {
  let app: INestApplication;
  let key: KeyLike;
  const token = (claims: Record<string, unknown>) =>
    new SignJWT({ sub: 'staff-7f3a', iss: ISSUER, aud: 'ehc-hub', iat: now - 60, exp: now + 300, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(key);
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] });
    const verifier = new AccessTokenVerifier({ issuer: ISSUER, audience: 'ehc-hub', keys, clock: fixedClock(NOW) });
    @Module({
      controllers: [CasesController, OpenController],
      providers: [{ provide: ACCESS_TOKEN_VERIFIER, useValue: verifier }, { provide: APP_GUARD, useClass: AccessGuard }],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers a public route without a token', async () => {
    await api().get('/open/health').expect(200);
  });

  it('answers nobody on a route without a policy, not even with a valid token', async () => {
    const res = await api().get('/open/forgotten').set('Authorization', `Bearer ${await token({ roles: ['administrator'] })}`).expect(403);
    expect(res.body.type).toMatch(/NoAccessPolicy$/);
  });

  it('asks for a token: 401 with WWW-Authenticate', async () => {
    const res = await api().get('/cases/mine').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.type).toMatch(/TokenMissing$/);
  });

  it('refuses an expired token with 401 naming why', async () => {
    const res = await api().get('/cases/mine').set('Authorization', `Bearer ${await token({ roles: ['caseworker'], exp: now - 60 })}`).expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="TokenExpired"');
  });

  it('lets in a caller with one of the roles, and tells the handler who they are', async () => {
    const res = await api().get('/cases/mine').set('Authorization', `Bearer ${await token({ realm_access: { roles: ['caseworker'] } })}`).expect(200);
    expect(res.body).toEqual({ subject: 'staff-7f3a' });
  });

  it('refuses a valid token of the wrong role with 403; the handler\'s policy overrides its controller\'s', async () => {
    const caseworker = `Bearer ${await token({ roles: ['caseworker'] })}`;
    const res = await api().get('/cases/reassign').set('Authorization', caseworker).expect(403);
    expect(res.body.type).toMatch(/RoleNotAllowed$/);
    await api().get('/cases/mine').set('Authorization', `Bearer ${await token({ roles: ['finance'] })}`).expect(403);
    await api().get('/cases/reassign').set('Authorization', `Bearer ${await token({ roles: ['team-manager'] })}`).expect(200);
  });
});
