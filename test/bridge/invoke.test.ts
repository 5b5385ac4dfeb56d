import assert from 'node:assert/strict';
import { defineCmdlet, outputObject, type Cmdlet, type CmdletContext, type CmdletDeclaration, type OutputItem, type ProgressInfo } from '../../cmdlets/framework/cmdlet.js';
import { ParameterValueError, PcmError, UsageError } from '../../core/errors.js';
import { invokeCmdlet, asPcmError, type RecordSink } from '../../bridge/invoke.js';
import type { Logger, LogLevel } from '../../bridge/log.js';

class RecordingSink implements RecordSink {
  readonly events: string[] = [];
  readonly outputs: OutputItem[] = [];
  readonly errors: PcmError[] = [];
  readonly progressRecords: ProgressInfo[] = [];
  output(item: OutputItem): void {
    this.outputs.push(item);
    this.events.push('output');
  }
  verbose(message: string): void {
    this.events.push(`verbose:${message}`);
  }
  warning(message: string): void {
    this.events.push(`warning:${message}`);
  }
  progress(info: ProgressInfo): void {
    this.progressRecords.push(info);
  }
  error(error: PcmError): void {
    this.errors.push(error);
    this.events.push(`error:${error.errorId}`);
  }
}

class RecordingLogger implements Logger {
  readonly lines: { level: LogLevel; event: string; fields: Record<string, unknown> }[] = [];
  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level, event, fields });
  }
  only(event: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l.event === event).map((l) => l.fields);
  }
}

const declaration = {
  name: 'Test-Invoke',
  synopsis: 'A cmdlet for the invoke tests.',
  description: 'Reports through every channel.',
  parameterSets: ['Path', 'Bytes'],
  defaultParameterSet: 'Path',
  supportsShouldProcess: true,
  parameters: [
    { name: 'Path', type: 'String', sets: ['Path'], mandatory: true, position: 0, description: 'A path.' },
    { name: 'Data', type: 'Byte[]', sets: ['Bytes'], mandatory: true, pipeline: true, description: 'Bytes.' },
    { name: 'Count', type: 'Int32', description: 'How many objects.' },
    { name: 'Fail', type: 'String', validateSet: ['None', 'Soft', 'Hard', 'Forever'], description: 'How to fail.' },
  ],
  outputTypes: [{ typeName: 'Test.Item' }],
  examples: [],
} as const satisfies CmdletDeclaration;

let lastContext: CmdletContext | undefined;
let ran = 0;

const testCmdlet = defineCmdlet(declaration, async function* (params, context) {
  ran++;
  lastContext = context;
  context.verbose('starting');
  context.warning('careful');
  if (params.Fail === 'Soft') context.error(new PcmError('one item failed', { errorId: 'ItemFailed', category: 'InvalidData', target: 'item 1' }));
  if (params.Fail === 'Hard') throw new PcmError('everything failed', { errorId: 'AllFailed', category: 'ReadError' });
  for (let i = 0; i < (params.Count ?? 2); i++) {
    context.progress({ activity: 'Items', status: `${i} done`, percentComplete: i });
    yield outputObject('Test.Item', { Index: i, Path: params.Path ?? null, Bytes: params.Data?.length ?? null });
  }
  while (params.Fail === 'Forever') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    yield outputObject('Test.Item', { Index: -1 });
  }
  context.progress({ activity: 'Items', status: 'Completed', completed: true });
}) as unknown as Cmdlet<CmdletDeclaration>;

describe('invokeCmdlet', () => {
  beforeEach(() => {
    lastContext = undefined;
    ran = 0;
  });

  it('binds, runs and forwards every record to the sink in order', async () => {
    const sink = new RecordingSink();
    const result = await invokeCmdlet(testCmdlet, [['count', '3']], ['p.txt'], { sink, whatIf: true });
    assert.deepEqual(sink.events, ['verbose:starting', 'warning:careful', 'output', 'output', 'output']);
    assert.deepEqual(
      sink.outputs.map((o) => (o as unknown as { properties: { Index: number; Path: string } }).properties),
      [0, 1, 2].map((i) => ({ Index: i, Path: 'p.txt', Bytes: null })),
    );
    assert.equal(sink.progressRecords.length, 4);
    assert.equal(lastContext!.whatIf, true);
    assert.equal(lastContext!.parameterSet, 'Path');
    assert.deepEqual({ ...result, durationMs: 0 }, { outcome: 'Succeeded', parameterSet: 'Path', outputCount: 3, warningCount: 1, errorCount: 0, durationMs: 0 });
  });

  it('counts non-terminating errors and goes on; -ErrorAction Stop makes the first one terminating', async () => {
    const sink = new RecordingSink();
    const result = await invokeCmdlet(testCmdlet, [['Path', 'p'], ['Fail', 'Soft']], [], { sink });
    assert.equal(result.outcome, 'CompletedWithErrors');
    assert.equal(result.errorCount, 1);
    assert.equal(sink.outputs.length, 2);

    const stopping = new RecordingSink();
    await assert.rejects(invokeCmdlet(testCmdlet, [['Path', 'p'], ['Fail', 'Soft']], [], { sink: stopping, stopOnError: true }), { errorId: 'ItemFailed' });
    assert.deepEqual(stopping.errors, [], 'the error comes back once, as the terminating error');
    assert.equal(stopping.outputs.length, 0);
  });

  it('rejects with the binder\'s UsageError before running anything, and logs it', async () => {
    const sink = new RecordingSink();
    const logger = new RecordingLogger();
    await assert.rejects(invokeCmdlet(testCmdlet, [['Count', 'many']], ['p'], { sink, logger }), (error: unknown) => error instanceof ParameterValueError && error.errorId === 'ParameterArgumentValidationError');
    await assert.rejects(invokeCmdlet(testCmdlet, [], [], { sink, logger }), { errorId: 'MissingMandatoryParameter' });
    assert.equal(ran, 0);
    assert.deepEqual(sink.events, []);
    assert.deepEqual(logger.only('start'), []);
    assert.deepEqual(logger.only('end').map((f) => [f.outcome, f.errorId]), [
      ['UsageError', 'ParameterArgumentValidationError'],
      ['UsageError', 'MissingMandatoryParameter'],
    ]);
  });

  it('rejects with a terminating error after forwarding what came before it', async () => {
    const sink = new RecordingSink();
    const logger = new RecordingLogger();
    await assert.rejects(invokeCmdlet(testCmdlet, [['Path', 'p'], ['Fail', 'Hard']], [], { sink, logger }), { errorId: 'AllFailed' });
    assert.deepEqual(sink.events, ['verbose:starting', 'warning:careful']);
    const [end] = logger.only('end');
    assert.equal(end!.outcome, 'Failed');
    assert.equal(end!.errorId, 'AllFailed');
    assert.equal(end!.category, 'ReadError');
  });

  it('binds pipeline input to the parameter that takes it, choosing its parameter set', async () => {
    const sink = new RecordingSink();
    const result = await invokeCmdlet(testCmdlet, [['Count', '1']], [], { sink, pipelineInput: Buffer.from('PK\u0003\u0004') });
    assert.equal(result.parameterSet, 'Bytes');
    assert.equal((sink.outputs[0] as unknown as { properties: { Bytes: number } }).properties.Bytes, 4);
    await assert.rejects(invokeCmdlet(testCmdlet, [], [], { sink, pipelineInput: 'not bytes' }), { errorId: 'InputObjectNotBound' });
    await assert.rejects(invokeCmdlet(testCmdlet, [['Data', Buffer.from('x')]], [], { sink, pipelineInput: Buffer.from('y') }), { errorId: 'InputObjectNotBound' });
  });

  it('runs beforeRun after binding, and a throw there cancels the run', async () => {
    const sink = new RecordingSink();
    let seenSet = '';
    await invokeCmdlet(testCmdlet, [['Path', 'p']], [], { sink, beforeRun: (bound) => void (seenSet = bound.parameterSet) });
    assert.equal(seenSet, 'Path');
    assert.equal(ran, 1);
    const declined = new PcmError('no', { errorId: 'NotConfirmed', category: 'OperationStopped' });
    await assert.rejects(invokeCmdlet(testCmdlet, [['Path', 'p']], [], { sink, beforeRun: () => Promise.reject(declined) }), declined);
    assert.equal(ran, 1);
  });

  it('waits for the sink to take each output item before asking for the next', async () => {
    const order: string[] = [];
    const sink = new RecordingSink();
    sink.output = async () => {
      order.push('write start');
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('write end');
    };
    sink.progress = (info) => void order.push(`progress ${info.status}`);
    await invokeCmdlet(testCmdlet, [['Path', 'p'], ['Count', '2']], [], { sink });
    assert.deepEqual(order, ['progress 0 done', 'write start', 'write end', 'progress 1 done', 'write start', 'write end', 'progress Completed']);
  });

  it('stops when the signal is aborted, and reports it as OperationStopped', async () => {
    const sink = new RecordingSink();
    const logger = new RecordingLogger();
    const controller = new AbortController();
    sink.output = () => {
      if (sink.outputs.push({} as OutputItem) === 5) controller.abort();
    };
    let caught: unknown;
    try {
      await invokeCmdlet(testCmdlet, [['Path', 'p'], ['Fail', 'Forever']], [], { sink, logger, signal: controller.signal });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught, 'an aborted run must reject');
    assert.equal(sink.outputs.length, 5);
    assert.equal(lastContext!.signal.aborted, true);
    assert.equal(asPcmError(caught, true).errorId, 'OperationStopped');
    assert.equal(logger.only('end')[0]!.outcome, 'Stopped');
  });

  it('logs start with redacted parameters, warnings, errors, throttled progress and the end', async () => {
    const logger = new RecordingLogger();
    await invokeCmdlet(testCmdlet, [['Count', '50'], ['Fail', 'Soft']], [], { sink: new RecordingSink(), logger, host: 'test', pipelineInput: Buffer.alloc(1000) });
    const [start] = logger.only('start');
    assert.deepEqual(start!.parameters, { Count: 50, Fail: 'Soft', Data: '<1000 bytes>' });
    assert.equal(start!.host, 'test');
    assert.equal(start!.parameterSet, 'Bytes');
    assert.deepEqual(logger.only('warning').map((f) => f.message), ['careful']);
    assert.deepEqual(logger.only('error').map((f) => [f.errorId, f.category, f.target]), [['ItemFailed', 'InvalidData', 'item 1']]);
    assert.deepEqual(logger.only('progress').map((f) => f.status), ['0 done', 'Completed'], '50 quick records log as the first and the completion');
    const [end] = logger.only('end');
    assert.equal(end!.outcome, 'CompletedWithErrors');
    assert.equal(end!.outputCount, 50);
    assert.equal(typeof end!.durationMs, 'number');
    assert.equal(new Set(logger.lines.map((l) => l.fields.invocation)).size, 1, 'every line names the same invocation');
  });
});
