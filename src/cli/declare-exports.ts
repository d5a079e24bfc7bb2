import type { Command } from 'commander';
import type { Runner } from './declare.js';
import { describeUse } from './help.js';
import type { CliIo } from './io.js';

const repoArgument = 'repository root (default: the git repository around the current directory)';

/** `steward export asyncapi PRODUCT [DIR]`: one product as the documents other catalogs read. */
export function declareExport(program: Command, io: CliIo, run: Runner): void {
  const exportCommand = program
    .command('export')
    .description('Export a product for the catalogs and tools users already run (AsyncAPI 3.0).');
  const command = exportCommand
    .command('asyncapi')
    .description(
      "A product's AsyncAPI 3.0.0 document: its topics as channels, Avro schemas, Kafka bindings, servers per environment.",
    )
    .argument('<product>', 'the product id: its folder under catalog/, e.g. commerce/sales/orders')
    .argument('[dir]', repoArgument)
    .option('--out <file>', 'write the document to this file (default: standard output)')
    .action((product: string, dir: string | undefined, options: { out?: string }) =>
      run(async () => (await import('./commands/export.js')).runExportAsyncApi(io, product, dir, options))(),
    );
  describeUse(
    command,
    { 0: 'the document was written', 1: 'catalog errors (nothing written)', 2: 'usage error, or no such product' },
    'steward export asyncapi commerce/sales/orders --out orders.asyncapi.json',
  );
}

export interface RequestAccessOptions {
  readonly for: string;
  readonly name?: string;
  readonly principal?: string;
  readonly consumerGroup?: string;
}

/** `steward request-access PRODUCT/PORT --for CONSUMER [DIR]`: adds the input port to the consumer's manifest. */
export function declareRequestAccess(program: Command, io: CliIo, run: Runner): void {
  const command = program
    .command('request-access')
    .description(
      "Add an input port on PRODUCT#PORT to the consumer's product.yaml (all else kept as written) and say who must approve the pull request.",
    )
    .argument('<port>', 'the output port to read: PRODUCT#PORT or PRODUCT/PORT, e.g. commerce/sales/orders#orders-v1')
    .argument('[dir]', repoArgument)
    .requiredOption('--for <consumer>', 'the consumer product id, e.g. finance/invoices')
    .option('--name <name>', "the input port's name (default: the producer's name)")
    .option('--principal <principal>', "who reads (default: the principal of the consumer's other input ports)")
    .option('--consumer-group <group>', 'the consumer group (default: <consumer id with dots>.<port>)')
    .action((port: string, dir: string | undefined, options: RequestAccessOptions) =>
      run(async () => (await import('./commands/request-access.js')).runRequestAccess(io, port, dir, options))(),
    );
  describeUse(
    command,
    {
      0: 'the input port was added',
      1: 'catalog errors, or the edited manifest would not validate (nothing written)',
      2: 'usage error: no such product or port, or the consumer already reads it',
    },
    'steward request-access commerce/sales/orders#orders-v1 --for finance/invoices',
  );
}
