// @ehc/notifications: the notifier port the services e-mail families through, and its SMTP adapter (a service's message templates are its own: they name its stages).
export * from './notifier';
export * from './smtp-settings';
export * from './smtp-notifier';

