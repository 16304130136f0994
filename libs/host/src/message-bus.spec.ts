import type { IntegrationEventHandler } from '@ehc/messaging';
import { EmbeddedBus, type HandlerHost } from './message-bus';

describe('the embedded bus', () => {
  it('starts a handler whose topic no service in the process publishes, saying nothing will arrive on it', async () => {
    const said: string[] = [];
    const bus = new EmbeddedBus({ log: (m) => said.push(m), error: (m) => said.push(`error: ${m}`) });
    const handler: IntegrationEventHandler = { consumer: 'svc.orders', topics: ['other.public.v1'], types: ['other.Thing.v1'], handle: async () => undefined };
    // the host's database is never touched: with no publisher there is no delivery to start
    bus.subscribe({ service: 'svc' } as HandlerHost, handler);
    await expect(bus.start()).resolves.toBeUndefined();
    expect(said).toEqual(['svc.orders reads other.public.v1, which no service in this process publishes: nothing will arrive on it']);
    await bus.stop();
  });
});
