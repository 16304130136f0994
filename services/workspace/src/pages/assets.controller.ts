import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page } from '@ehc/identity';
import { GOVUK_DIST, workspaceStylesheet } from '../views';

const IMAGES = ['favicon.svg', 'favicon.ico', 'govuk-crest.svg'];

/** The pages' stylesheet and scripts: GOV.UK Frontend's, served from this host (the pages' policy allows nothing else). */
@ApiExcludeController()
@Page('the stylesheet, scripts and icons every page uses: no data')
@Controller('assets')
export class AssetsController {
  private readonly css = workspaceStylesheet();
  private readonly govukJs = readFileSync(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'), 'utf8');

  @Get('workspace.css')
  stylesheet(@Res() res: Response) {
    res.type('text/css').setHeader('cache-control', 'public, max-age=3600');
    res.send(this.css);
  }

  @Get('govuk-frontend.min.js')
  govuk(@Res() res: Response) {
    res.type('text/javascript').setHeader('cache-control', 'public, max-age=3600');
    res.send(this.govukJs);
  }

  /** GOV.UK Frontend's components, enhanced where JavaScript runs; every page works without it. */
  @Get('workspace.js')
  script(@Res() res: Response) {
    res.type('text/javascript').setHeader('cache-control', 'public, max-age=3600');
    res.send(`import { initAll } from '/assets/govuk-frontend.min.js';\ninitAll();\n`);
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
