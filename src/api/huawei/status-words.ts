// Neutral instance/task statuses ↔ the Huawei DMS status words.
//
// Choice: the neutral 'changing' is shown as EXTENDING (Hangar's changes of a running instance that take time are
// resizes); CONFIGURING, SHRINKING and VOLUMETYPECHANGING are read back as 'changing' too, so a list filter on any
// of them finds changing instances.
import type { InstanceStatus, TaskStatus } from '../../domain/status.js';

const TO_WORD: Record<InstanceStatus, string> = {
  creating: 'CREATING',
  running: 'RUNNING',
  restarting: 'RESTARTING',
  changing: 'EXTENDING',
  error: 'ERROR',
  'create-failed': 'CREATEFAILED',
  deleting: 'DELETING',
};

/** Every status word the SDK's enum and Huawei's status page name. */
export const HUAWEI_STATUS_WORDS = [
  'CREATING', 'RUNNING', 'RESTARTING', 'DELETING', 'ERROR', 'CREATEFAILED', 'FREEZING', 'FROZEN', 'EXTENDING',
  'SHRINKING', 'EXTENDEDFAILED', 'CONFIGURING', 'ROLLBACK', 'ROLLBACKFAILED', 'VOLUMETYPECHANGING', 'STARTING',
  'UPGRADING', 'ROLLINGBACK',
] as const;

const TO_NEUTRAL: Record<string, InstanceStatus> = {
  CREATING: 'creating',
  RUNNING: 'running',
  RESTARTING: 'restarting',
  STARTING: 'restarting',
  EXTENDING: 'changing',
  SHRINKING: 'changing',
  CONFIGURING: 'changing',
  VOLUMETYPECHANGING: 'changing',
  UPGRADING: 'changing',
  ROLLBACK: 'changing',
  ROLLINGBACK: 'changing',
  EXTENDEDFAILED: 'error',
  ROLLBACKFAILED: 'error',
  ERROR: 'error',
  CREATEFAILED: 'create-failed',
  DELETING: 'deleting',
};

export const huaweiStatusWord = (s: InstanceStatus): string => TO_WORD[s];

export const isHuaweiStatusWord = (word: string): boolean => (HUAWEI_STATUS_WORDS as readonly string[]).includes(word);

/** The neutral status a Huawei word stands for; undefined for words no Hangar instance can have (FREEZING, FROZEN) or unknown words. */
export const neutralStatusOf = (word: string): InstanceStatus | undefined => TO_NEUTRAL[word];

/** Background task status words (ListBackgroundTasks.status; unconfirmed spelling: EXECUTING / SUCCESS / FAILED). */
const TASK_WORDS: Record<TaskStatus, string> = { running: 'EXECUTING', success: 'SUCCESS', failed: 'FAILED' };
export const huaweiTaskStatusWord = (s: TaskStatus): string => TASK_WORDS[s];
