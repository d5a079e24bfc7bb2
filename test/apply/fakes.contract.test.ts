import { FakeKafkaAdmin } from '../../src/apply/fake-kafka-admin.js';
import { FakeSchemaRegistry } from '../../src/apply/fake-schema-registry.js';
import { kafkaAdminContract, schemaRegistryContract } from './contract.js';

// One fake per suite, shared by its cases, as the real cluster is.
const kafka = new FakeKafkaAdmin();
const registry = new FakeSchemaRegistry();
kafkaAdminContract('in-memory fake', () => kafka);
schemaRegistryContract('in-memory fake', () => registry);
