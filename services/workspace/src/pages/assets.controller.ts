import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { GOVUK_DIST, workspaceStylesheet } from '../views';

const IMAGES = ['favicon.svg', 'favicon.ico', 'govuk-crest.svg'];

/** The pages' stylesheet and scripts: GOV.UK Frontend's, served from this host (the pages' policy allows nothing else). */
@ApiExcludeController()
@Page('the stylesheet, scripts and icons every page uses: no data')
@Controller('assets')
export class AssetsController {
  private readonly css = compressible(workspaceStylesheet());
  private readonly govukJs = compressible(readFileSync(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'), 'utf8'));
  /** GOV.UK Frontend's components, enhanced where JavaScript runs; every page works without it. */
  private readonly script = compressible(`import { initAll } from '/assets/govuk-frontend.min.js';\ninitAll();\n`);

  @Get('workspace.css')
  stylesheet(@Req() req: Request, @Res() res: Response) {
    send(req, res.type('text/css'), this.css);
  }

  @Get('govuk-frontend.min.js')
  govuk(@Req() req: Request, @Res() res: Response) {
    send(req, res.type('text/javascript'), this.govukJs);
  }

  @Get('workspace.js')
  workspaceScript(@Req() req: Request, @Res() res: Response) {
    send(req, res.type('text/javascript'), this.script);
  }

  @Get('images/:file')
  image(@Param('file') file: string, @Res() res: Response) {
    if (!IMAGES.includes(file)) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.type(file.endsWith('.svg') ? 'image/svg+xml' : 'image/x-icon').setHeader('cache-control', 'public, max-age=86400');
    res.send(readFileSync(join(GOVUK_DIST, 'govuk', 'assets', 'images', file)));
  }
}

/** An asset kept as it is and gzipped once: most of a page's weight, sent compressed to every browser that takes it. */
function compressible(text: string) {
  const plain = Buffer.from(text);
  return { plain, gzip: gzipSync(plain, { level: 9 }) };
}

function send(req: Request, res: Response, asset: { plain: Buffer; gzip: Buffer }): void {
  res.setHeader('cache-control', 'public, max-age=3600');
  res.setHeader('vary', 'Accept-Encoding');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('content-encoding', 'gzip');
    res.send(asset.gzip);
  } else {
    res.send(asset.plain);
  }
}
