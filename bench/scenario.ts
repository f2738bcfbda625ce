// What every scenario gets from the runner and gives back.
import type { Row, SystemName, Unavailable } from './results.js';
import type { HangarTarget } from './systems/hangar.js';

export interface ScenarioContext {
  quick: boolean;
  /** Only these messaging systems (all when undefined). */
  systems?: string[];
  /** Progress line on stderr, so stdout keeps the table. */
  log(message: string): void;
  /** The Hangar server and 5.x instance the messaging scenarios share (started on first use, stopped by the runner). */
  hangarTarget(): Promise<HangarTarget>;
  /** An instance of the same server with access control on, and the credentials of a user of it. */
  hangarAclTarget(): Promise<HangarTarget>;
}

export interface ScenarioResult {
  rows: Row[];
  unavailable: Unavailable[];
  flushSettings?: Partial<Record<SystemName, string>>;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
