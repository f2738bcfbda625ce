// Neutral lifecycle words. Each dialect maps them to its own (Huawei CREATING…, Alibaba RUNNING/CHANGING/STOPPED…).

export const INSTANCE_STATUSES = [
  'creating',
  'running',
  'restarting',
  'changing',
  'error',
  'create-failed',
  'deleting',
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/** Statuses in which an instance's broker serves and its topics, groups and users can be changed. */
export const isServing = (s: InstanceStatus): boolean => s === 'running';

/** Instances in these statuses count against quotas and hold their name. */
export const isLive = (s: InstanceStatus): boolean => s !== 'create-failed' && s !== 'deleting';

export const TASK_STATUSES = ['running', 'success', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskKind = 'create' | 'restart' | 'delete' | 'update' | 'tls';
