/** The files the services script writes for the Kafka broker. */
/** The single-node KRaft broker's configuration: loopback listeners, ACL authorizer on, replication 1. */
export function serverProperties(ports: { broker: number; controller: number }, dataDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.controller}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.broker},CONTROLLER://127.0.0.1:${ports.controller}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.broker}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // ACL calls need an authorizer; the unauthenticated PLAINTEXT admin acts as a super user.
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users=User:ANONYMOUS',
    '',
  ].join('\n');
}

/** Kafka's own logging: warnings and above, to the console (the script sends it to kafka.log). */
export const log4j = [
  'rootLogger.level=INFO',
  'rootLogger.appenderRef.out.ref=out',
  'appender.out.type=Console',
  'appender.out.name=out',
  'appender.out.layout.type=PatternLayout',
  'appender.out.layout.pattern=[%d] %p %m (%c)%n',
  'logger.kafka.name=org.apache.kafka',
  'logger.kafka.level=WARN',
  '',
].join('\n');
