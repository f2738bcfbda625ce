// The topics and consumer groups a broker serves, as the control plane pushed them, persisted in the data directory.
// A group's retry topic (%RETRY%<group>) and dead-letter topic (%DLQ%<group>) exist with the group: one queue on
// every broker, any message type.
import { DLQ_PREFIX, RETRY_PREFIX } from '../../domain/topic.js';
import { readMetadataFile, writeMetadataFile } from './metadata-file.js';
import { validateGroup, validateTopic } from './metadata-rules.js';
import type { BrokerMetadata, GroupSpec, TopicSpec } from './types.js';

export interface MetadataChange {
  goneTopics: string[];
  goneGroups: string[];
}

export class Metadata {
  readonly brokerNames: readonly string[];
  readonly #dataDir: string;
  readonly #topics = new Map<string, TopicSpec>();
  readonly #groups = new Map<string, GroupSpec>();
  #write: Promise<void> = Promise.resolve();

  private constructor(dataDir: string, brokerNames: readonly string[]) {
    this.#dataDir = dataDir;
    this.brokerNames = brokerNames;
  }

  static async open(dataDir: string, brokerNames: readonly string[], log: (obj: object, msg: string) => void): Promise<Metadata> {
    const m = new Metadata(dataDir, brokerNames);
    const meta = await readMetadataFile(dataDir);
    for (const t of meta.topics) {
      // Brokers the instance no longer has (scaled down) keep their data but serve no queues.
      const brokers = t.brokers.filter((b) => brokerNames.includes(b));
      if (brokers.length > 0) m.#topics.set(t.name, { ...t, brokers });
      else log({ topic: t.name, brokers: t.brokers }, 'topic has no broker of this instance; not served');
    }
    for (const g of meta.groups) m.#groups.set(g.name, g);
    return m;
  }

  snapshot(): BrokerMetadata {
    return {
      topics: [...this.#topics.values()].map((t) => ({ ...t, brokers: [...t.brokers] })),
      groups: [...this.#groups.values()].map((g) => ({ ...g })),
    };
  }

  /** Replaces everything; returns what went away (its data is the caller's to drop). */
  async apply(meta: BrokerMetadata): Promise<MetadataChange> {
    const topics = (meta.topics ?? []).map((t) => validateTopic(t, this.brokerNames));
    const groups = (meta.groups ?? []).map(validateGroup);
    const topicNames = new Set(topics.map((t) => t.name));
    const groupNames = new Set(groups.map((g) => g.name));
    const goneTopics = [...this.#topics.keys()].filter((n) => !topicNames.has(n));
    const goneGroups = [...this.#groups.keys()].filter((n) => !groupNames.has(n));
    for (const n of goneTopics) this.#topics.delete(n);
    for (const n of goneGroups) this.#groups.delete(n);
    for (const t of topics) this.#topics.set(t.name, t);
    for (const g of groups) this.#groups.set(g.name, g);
    await this.#persist();
    return { goneTopics, goneGroups };
  }

  async upsertTopic(t: TopicSpec): Promise<void> {
    const spec = validateTopic(t, this.brokerNames);
    this.#topics.set(spec.name, spec);
    await this.#persist();
  }

  /** False when there was no such topic. */
  async deleteTopic(name: string): Promise<boolean> {
    if (!this.#topics.delete(name)) return false;
    await this.#persist();
    return true;
  }

  async upsertGroup(g: GroupSpec): Promise<void> {
    const spec = validateGroup(g);
    this.#groups.set(spec.name, spec);
    await this.#persist();
  }

  async deleteGroup(name: string): Promise<boolean> {
    if (!this.#groups.delete(name)) return false;
    await this.#persist();
    return true;
  }

  /** A user topic, or the retry or dead-letter topic of an existing group. */
  topic(name: string): TopicSpec | undefined {
    const t = this.#topics.get(name);
    if (t) return t;
    const group = name.startsWith(DLQ_PREFIX) ? name.slice(DLQ_PREFIX.length) : name.startsWith(RETRY_PREFIX) ? name.slice(RETRY_PREFIX.length) : undefined;
    if (group !== undefined && this.#groups.has(group)) {
      return { name, messageType: 'MIXED', queueNum: 1, brokers: [...this.brokerNames], perm: 'all' };
    }
    return undefined;
  }

  /** Topics the control plane created (no retry or dead-letter topics). */
  userTopics(): TopicSpec[] {
    return [...this.#topics.values()];
  }

  userTopic(name: string): TopicSpec | undefined {
    return this.#topics.get(name);
  }

  group(name: string): GroupSpec | undefined {
    return this.#groups.get(name);
  }

  groups(): GroupSpec[] {
    return [...this.#groups.values()];
  }

  /** Waits for the last metadata write (close). */
  settled(): Promise<void> {
    return this.#write.catch(() => undefined);
  }

  #persist(): Promise<void> {
    const snapshot = this.snapshot();
    const run = this.#write.then(() => writeMetadataFile(this.#dataDir, snapshot));
    this.#write = run.catch(() => undefined);
    return run;
  }
}
