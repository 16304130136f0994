import { Inject, Module, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { addProjection, type ServiceRuntime } from '@ehc/host';
import { JsonLogger } from '@ehc/http';
import { sideTablesOf } from '@ehc/commands';
import { smtpNotifier, type Notifier } from '@ehc/notifications';
import type { SurveysSettings } from './config';
import { SurveysController } from './api/surveys.controller';
import { SurveyPagesController } from './api/survey-pages.controller';
import { SURVEY_ANSWERS, SURVEY_LINKS, SURVEY_PAGES, SURVEYS_RUNTIME, SURVEYS_PARTS, SURVEYS_SETTINGS, SURVEYS_VIEWS } from './api/tokens';
import { ExecuteSurveyCommandHandler, SURVEYS_STORE } from './application/survey-command';
import { SurveyAnswers } from './application/survey-answers';
import { surveyResultsProjection } from './infrastructure/read-models/survey-results.projection';
import { lettersConsumer } from './infrastructure/letters.consumer';
import { surveysPublication } from './infrastructure/publication';
import { outbox, type Outbox } from './infrastructure/outbox';
import { linkSecret, SurveyLinks } from './infrastructure/links';
import { sendDueReminders } from './infrastructure/reminders';
import { surveyPages } from './pages/survey-pages';

/** What the module builds once the link secret is known (it may be made at the first start). */
interface SurveysParts {
  links: SurveyLinks;
  messages: Outbox;
  notifier: (Notifier & { close(): Promise<void> }) | null;
}

/**
 * The surveys service: letters from every service become invitations (by the trigger table),
 * sent by e-mail or kept in the outbox, answered on a public page, reminded once, and reported.
 */
@Module({})
export class SurveysModule implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private readonly logger = new JsonLogger('surveys');

  constructor(
    @Inject(SURVEYS_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SURVEYS_SETTINGS) private readonly settings: SurveysSettings,
    @Inject(SURVEY_LINKS) private readonly links: SurveyLinks,
    @Inject(SURVEYS_PARTS) private readonly parts: SurveysParts,
  ) {}

  static register(runtime: ServiceRuntime, settings: SurveysSettings): DynamicModule {
    const links = new SurveyLinks(settings.linkBaseUrl);
    const views = addProjection(runtime, surveyResultsProjection(runtime.schema));
    const notifier = settings.smtp ? smtpNotifier(settings.smtp) : null;
    const parts: SurveysParts = { links, messages: outbox(runtime.pool, runtime.schema, settings.templates, notifier, new JsonLogger('surveys')), notifier };
    return {
      module: SurveysModule,
      controllers: [SurveysController, SurveyPagesController],
      providers: [
        { provide: SURVEYS_RUNTIME, useValue: runtime },
        { provide: SURVEYS_SETTINGS, useValue: settings },
        { provide: SURVEYS_VIEWS, useValue: views },
        { provide: SURVEY_LINKS, useValue: links },
        { provide: SURVEY_PAGES, useValue: surveyPages() },
        { provide: SURVEYS_PARTS, useValue: parts },
        { provide: SURVEYS_STORE, useValue: { store: runtime.store, sideTables: sideTablesOf(runtime.pool) } },
        { provide: SURVEY_ANSWERS, useFactory: (commands: CommandBus) => new SurveyAnswers(commands, runtime, settings.lexicon), inject: [CommandBus] },
        ExecuteSurveyCommandHandler,
      ],
    };
  }

  /** What it publishes (for the performance pack), the letters it consumes, and the sweep that reminds and sends. */
  async onModuleInit() {
    this.links.useSecret(await linkSecret(this.runtime.pool, this.runtime.schema, this.settings.linkSecret));
    this.runtime.bus.publish(this.runtime.store, this.runtime.checkpoints, surveysPublication);
    this.runtime.bus.subscribe(this.runtime, lettersConsumer(this.runtime, this.settings, this.links, this.parts.messages));
    this.timer = setInterval(() => { void this.sweep(); }, this.settings.sweepSeconds * 1000);
    this.timer.unref();
  }

  /** Reminders due, then the messages waiting: one sweep at a time in this process (and one across processes, by the reminders' lock). */
  sweep(): Promise<unknown> {
    this.sweeping ??= (async () => {
      try {
        await sendDueReminders(this.runtime, this.settings, this.links, this.parts.messages, this.logger);
        await this.parts.messages.dispatch();
      } catch (error) {
        this.logger.warn(`survey sweep failed (tried again in ${this.settings.sweepSeconds} s): ${(error as Error).message}`);
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.sweeping;
    await this.parts.notifier?.close();
  }
}
