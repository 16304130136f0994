/**
 * The only source of "now". Domain code receives a Clock (or a date on the command) instead of
 * calling `new Date()`, so specs pass a fixed instant and results never depend on when they run.
 */
export type Clock = () => Date;

/** Wire this in at the composition root only (main.ts); never call it from domain code. */
export const systemClock: Clock = () => new Date();

/** A clock stopped at one instant, for specs and replays. */
export const fixedClock =
  (instant: Date | string): Clock =>
  () =>
    new Date(typeof instant === 'string' ? Date.parse(instant) : instant.getTime());
