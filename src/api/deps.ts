// What the HTTP layer needs from the rest of Hangar. Dialects reach services only through this object.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { CredentialService } from '../service/credentials.js';
import type { GroupService } from '../service/groups.js';
import type { InstanceAccessService } from '../service/instance-access.js';
import type { InstanceService } from '../service/instances.js';
import type { MessageService } from '../service/messages.js';
import type { SignatureNonces } from '../service/signature-nonces.js';
import type { TestClockService } from '../service/test-clock.js';
import type { TopicService } from '../service/topics.js';

export interface ApiDeps {
  config: Config;
  instances: InstanceService;
  topics: TopicService;
  groups: GroupService;
  /** Message queries, API sends, offset resets, dead-letter resends. */
  messages: MessageService;
  /** Users, ACL rules and IP whitelists of instances. */
  access: InstanceAccessService;
  credentials: CredentialService;
  /** Signature nonces seen within the replay window (Alibaba), kept in the database. */
  nonces: SignatureNonces;
  /** The test clock behind /hangar/v1/clock (off unless HANGAR_TEST_CLOCK=1). */
  clock: TestClockService;
  metrics: Metrics;
  log: Logger;
  /** Current time in ms, for signature checks (always real time: SDKs sign with theirs); injectable for tests. */
  now: () => number;
  /** True once the database is open and the reconciler has run. */
  ready: () => boolean;
}
