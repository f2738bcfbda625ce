// 4.x delay levels (messageDelayLevel "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h") mapped onto
// the engine's timed delivery. Level 0 means no delay; levels above 18 are clamped to 18 as the Java broker does.

export const DELAY_LEVELS_MS: readonly number[] = [
  1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 180_000, 240_000, 300_000, 360_000, 420_000, 480_000, 540_000,
  600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000,
];

export const MAX_DELAY_LEVEL = DELAY_LEVELS_MS.length;

/** Delay of a level in ms; 0 for level <= 0. */
export const delayLevelToMs = (level: number): number => {
  if (!Number.isFinite(level) || level <= 0) return 0;
  return DELAY_LEVELS_MS[Math.min(Math.floor(level), MAX_DELAY_LEVEL) - 1]!;
};

/**
 * Delay level of a message sent back by a consumer (CONSUMER_SEND_MSG_BACK): the client's level when positive,
 * otherwise 3 + reconsumeTimes (Java SendMessageProcessor), i.e. 10 s on the first retry.
 */
export const sendBackDelayLevel = (requested: number, reconsumeTimes: number): number =>
  Math.min(requested > 0 ? requested : 3 + reconsumeTimes, MAX_DELAY_LEVEL);
