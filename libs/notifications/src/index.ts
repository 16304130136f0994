// @ehc/notifications: the notifier port the services e-mail families through, its SMTP adapter and message templates.
export * from './notifier';
export * from './smtp-settings';
export * from './smtp-notifier';
export * from './template';
