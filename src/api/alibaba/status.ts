// Neutral status words → Alibaba's, and Alibaba's time format.
import type { InstanceStatus } from '../../domain/status.js';

export type AlibabaInstanceStatus = 'CREATING' | 'RUNNING' | 'CHANGING' | 'STOPPED' | 'RELEASED';

const INSTANCE_STATUS: Record<InstanceStatus, AlibabaInstanceStatus> = {
  creating: 'CREATING',
  running: 'RUNNING',
  restarting: 'CHANGING',
  changing: 'CHANGING',
  error: 'STOPPED',
  'create-failed': 'STOPPED',
  deleting: 'RELEASED',
};

export const alibabaInstanceStatus = (s: InstanceStatus): AlibabaInstanceStatus => INSTANCE_STATUS[s];

/** Alibaba statuses a ListInstances-style filter may name → the neutral ones they cover. */
export const neutralStatuses = (s: AlibabaInstanceStatus): InstanceStatus[] =>
  (Object.keys(INSTANCE_STATUS) as InstanceStatus[]).filter((k) => INSTANCE_STATUS[k] === s);

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2022-08-01 00:00:00` (UTC), the format of every Alibaba time field. */
export const alibabaTime = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
