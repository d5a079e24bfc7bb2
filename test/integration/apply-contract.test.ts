import { PlatformaticKafkaAdmin } from '../../src/apply/kafka-admin.js';
import { HttpSchemaRegistry } from '../../src/apply/schema-registry.js';
import { kafkaAdminContract, schemaRegistryContract } from '../apply/contract.js';
import { services } from './apply-services.js';

kafkaAdminContract(
  '@platformatic/kafka on the real broker',
  () => new PlatformaticKafkaAdmin({ brokers: services.brokers }),
);
schemaRegistryContract('fetch on the real registry', () => new HttpSchemaRegistry({ url: services.registryUrl }));
