import type { Operation } from '../plan/operations.js';
import { resourceName } from '../plan/operations.js';
import { phaseOf, registrationDepths, type Phase } from '../plan/order.js';
import type { ActualState, SchemaReference } from '../plan/state.js';
import type { ItemResult, KafkaAdmin, SchemaRegistry } from './ports.js';
import { isOutcomeUnknown, settlesOnRerun } from './outcome-unknown.js';
import { mapLimit } from './schema-registry.js';

/**
 * `unknown`: the request went out and no answer came (a timeout), so it may have been done; it is neither failed
 * nor succeeded, and the next plan, read from live state, settles it.
 */
export type OutcomeStatus = 'succeeded' | 'failed' | 'skipped' | 'not-attempted' | 'unknown';

export interface Outcome {
  readonly operation: Operation;
  readonly status: OutcomeStatus;
  /** Why it failed, was skipped or has an unknown outcome, in a full sentence; or what happened when it succeeded. */
  readonly message?: string;
  /** For a registration: the registry's schema id, and the subject's version when it was looked up. */
  readonly registered?: { readonly id: number; readonly version?: number };
}

type Op<K extends Operation['kind']> = Extract<Operation, { kind: K }>;

/**
 * Applies ordered operations phase by phase, one batched call per phase (registry calls, which have no batch form,
 * run concurrently). It never throws for an operation: every outcome is recorded, a failure skips only what
 * depends on it (a registration whose reference or loosened level failed; the tightening after a failed
 * registration), and everything independent still runs. A write that got no answer is `unknown`, never `failed`,
 * and holds back what depends on it the same way. Re-planning from live state afterwards converges and settles it.
 */
export async function executePlan(
  operations: readonly Operation[],
  ports: { kafka: KafkaAdmin; registry: SchemaRegistry },
  actual: ActualState,
): Promise<Outcome[]> {
  const run = new Run(ports, actual);
  const of = phasesOf(operations);
  // Grants go in first: Kafka takes an ACL for a topic that does not exist yet, and the authorizer publishes ACLs
  // in metadata-log order, so grants written after thousands of new partitions would stay invisible (and be
  // planned again) until the broker has created them all.
  await run.batch(of('create-acls', 'create-acl'), (ops) => ports.kafka.createAcls(ops.map((o) => o.acl)));
  // The Kafka chain and the registry chain touch different systems and depend on nothing of each other: they run
  // side by side, which hides the broker's metadata lag (Kafka writes wait until reads show them) behind the
  // registrations.
  await Promise.all([kafkaChain(run, of, ports.kafka), registryChain(run, of)]);
  await run.each(of('delete-subjects', 'delete-subject'), async (o) => {
    await ports.registry.deleteSubject(resourceName(o.resource));
    return { status: 'succeeded' };
  });
  await run.batch(of('delete-topics', 'delete-topic'), (ops) =>
    ports.kafka.deleteTopics(ops.map((o) => resourceName(o.resource))),
  );
  for (const op of of('not-attempted'))
    run.record({ operation: op, status: 'not-attempted', message: 'skipped' in op ? op.skipped : undefined });
  return operations.map((op) => run.outcomes.get(op) as Outcome);
}

/** The operations of a phase, optionally of one kind. */
type PhaseLookup = {
  (phase: Phase): Operation[];
  <K extends Operation['kind']>(phase: Phase, kind: K): Op<K>[];
};

function phasesOf(operations: readonly Operation[]): PhaseLookup {
  const byPhase = new Map<Phase, Operation[]>();
  for (const op of operations) {
    const list = byPhase.get(phaseOf(op)) ?? [];
    list.push(op);
    byPhase.set(phaseOf(op), list);
  }
  return ((phase: Phase, kind?: Operation['kind']) =>
    (byPhase.get(phase) ?? []).filter((o) => kind === undefined || o.kind === kind)) as PhaseLookup;
}

async function kafkaChain(run: Run, of: PhaseLookup, kafka: KafkaAdmin): Promise<void> {
  await run.batch(of('create-topics', 'create-topic'), (ops) => kafka.createTopics(ops.map((o) => o.topic)));
  await run.batch(of('add-partitions', 'add-partitions'), (ops) =>
    kafka.createPartitions(ops.map((o) => ({ name: resourceName(o.resource), count: o.to }))),
  );
  await run.batch(of('alter-configs', 'alter-config'), (ops) =>
    kafka.incrementalAlterConfigs(ops.map((o) => ({ name: resourceName(o.resource), set: o.set, remove: o.remove }))),
  );
  await run.batch(of('delete-acls', 'delete-acl'), (ops) => kafka.deleteAcls(ops.map((o) => o.acl)));
}

/** Loosen levels, register (references first), then tighten: the order the registry's checks need. */
async function registryChain(run: Run, of: PhaseLookup): Promise<void> {
  await run.each(of('loosen-compatibility', 'set-compatibility'), (o) => run.setLevel(o));
  await run.registerAll(of('register-schemas', 'register-schema'));
  await run.each(of('set-compatibility', 'set-compatibility'), (o) => run.setLevel(o));
}

class Run {
  readonly outcomes = new Map<Operation, Outcome>();
  /** Subjects whose registration or loosening did not (certainly) succeed in this run, and how it ended. */
  private readonly blocked = new Map<string, OutcomeStatus>();
  private readonly registered = new Map<string, number>();
  /** Subjects that a registration of this run references: only their new version must be looked up. */
  private readonly referenced = new Set<string>();

  constructor(
    private readonly ports: { kafka: KafkaAdmin; registry: SchemaRegistry },
    private readonly actual: ActualState,
  ) {}

  record(outcome: Outcome): void {
    this.outcomes.set(outcome.operation, outcome);
    if (outcome.status !== 'succeeded' && outcome.operation.resource.startsWith('subject:'))
      this.blocked.set(resourceName(outcome.operation.resource), outcome.status);
  }

  /** One call for the whole phase; its per-item results become outcomes, a thrown error fails every item. */
  async batch<O extends Operation>(
    ops: readonly O[],
    call: (ops: readonly O[]) => Promise<ItemResult[]>,
  ): Promise<void> {
    if (ops.length === 0) return;
    let results: ItemResult[];
    try {
      results = await call(ops);
    } catch (error) {
      for (const op of ops) this.record({ operation: op, ...failure(error) });
      return;
    }
    ops.forEach((op, i) => {
      const error = results[i]?.error;
      if (error === undefined) this.record({ operation: op, status: 'succeeded' });
      else if (results[i]?.unknown) this.record({ operation: op, status: 'unknown', message: unknown(error) });
      else if (op.kind === 'create-topic' && error.startsWith('TOPIC_ALREADY_EXISTS'))
        this.record({
          operation: op,
          status: 'succeeded',
          message: 'The topic already existed (created concurrently).',
        });
      else this.record({ operation: op, status: 'failed', message: error });
    });
  }

  async each<O extends Operation>(
    ops: readonly O[],
    call: (op: O) => Promise<Omit<Outcome, 'operation'>>,
  ): Promise<void> {
    await mapLimit(ops, 32, async (op) => {
      try {
        this.record({ operation: op, ...(await call(op)) });
      } catch (error) {
        this.record({ operation: op, ...failure(error) });
      }
    });
  }

  async setLevel(op: Op<'set-compatibility'>): Promise<Omit<Outcome, 'operation'>> {
    const subject = resourceName(op.resource);
    if (op.timing === 'after-register' && this.blocked.has(subject))
      return {
        status: 'skipped',
        message: `Kept the current level of ${subject}: its registration ${ended(this.blocked.get(subject))}.`,
      };
    await this.ports.registry.setCompatibility(subject, op.to);
    return { status: 'succeeded' };
  }

  /** Registrations by reference depth: a schema is registered only after the schemas it references. */
  async registerAll(ops: readonly Op<'register-schema'>[]): Promise<void> {
    const depths = registrationDepths(ops);
    for (const op of ops) for (const ref of op.references) this.referenced.add(ref.subject);
    const levels = [...new Set(ops.map((o) => depths.get(o.resource) ?? 0))].sort((a, b) => a - b);
    for (const level of levels)
      await this.each(
        ops.filter((o) => (depths.get(o.resource) ?? 0) === level),
        (o) => this.register(o),
      );
  }

  private async register(op: Op<'register-schema'>): Promise<Omit<Outcome, 'operation'>> {
    const subject = resourceName(op.resource);
    if (this.blocked.has(subject))
      return {
        status: 'skipped',
        message: `Not registered: loosening the level of ${subject} ${ended(this.blocked.get(subject))}.`,
      };
    const references: SchemaReference[] = [];
    for (const ref of op.references) {
      const version = this.registered.get(ref.subject) ?? this.actual.subjects.get(ref.subject)?.version;
      if (version === undefined || this.blocked.has(ref.subject))
        return {
          status: 'skipped',
          message: `Not registered: registering the referenced subject ${ref.subject} ${ended(this.blocked.get(ref.subject))}.`,
        };
      references.push({ ...ref, version });
    }
    const { id } = await this.ports.registry.register(subject, op.schema, references);
    if (!this.referenced.has(subject))
      return { status: 'succeeded', registered: { id }, message: `Registered (schema id ${id}).` };
    const version = (await this.ports.registry.lookup(subject, op.schema, references))?.version;
    if (version === undefined)
      return {
        status: 'failed',
        message: `Registered (schema id ${id}), but the registry does not find it under ${subject}.`,
      };
    this.registered.set(subject, version);
    return {
      status: 'succeeded',
      registered: { id, version },
      message: `Registered as version ${version} (schema id ${id}).`,
    };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A thrown error as an outcome: unknown when the write went out unanswered, failed otherwise. */
function failure(error: unknown): Pick<Outcome, 'status' | 'message'> {
  return isOutcomeUnknown(error)
    ? { status: 'unknown', message: unknown(messageOf(error)) }
    : { status: 'failed', message: messageOf(error) };
}

function unknown(reason: string): string {
  return `${reason.replace(/\.$/, '')}; ${settlesOnRerun}.`;
}

function ended(status: OutcomeStatus | undefined): string {
  return status === 'unknown' ? 'has an unknown outcome (the next plan settles it)' : 'did not succeed';
}
