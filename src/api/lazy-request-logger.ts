// The framework builds a child logger carrying the request id for every request, though Hangar's dialects log through
// their own logger and the framework logs per request only on rare failures. A lazy child is built on first use only.
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString } from 'pino';

export class LazyRequestLogger implements FastifyBaseLogger {
  private built: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get real(): FastifyBaseLogger {
    return (this.built ??= this.parent.child(this.bindings, this.options));
  }

  get level(): LevelWithSilentOrString {
    return this.built?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.real.level = level;
  }

  // Prototype methods, not arrow properties: nothing is allocated per request beyond the object itself.
  fatal(...args: unknown[]): void {
    call(this.real.fatal, this.real, args);
  }
  error(...args: unknown[]): void {
    call(this.real.error, this.real, args);
  }
  warn(...args: unknown[]): void {
    call(this.real.warn, this.real, args);
  }
  info(...args: unknown[]): void {
    call(this.real.info, this.real, args);
  }
  debug(...args: unknown[]): void {
    call(this.real.debug, this.real, args);
  }
  trace(...args: unknown[]): void {
    call(this.real.trace, this.real, args);
  }
  silent(...args: unknown[]): void {
    call(this.real.silent, this.real, args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }
}

const call = (fn: unknown, self: FastifyBaseLogger, args: unknown[]): void => {
  (fn as (...a: unknown[]) => void).apply(self, args);
};
