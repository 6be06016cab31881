import type { SdkEntry } from './types';

const runtime = 'bedrock-runtime';

/**
 * AWS Bedrock runtime: boto3 `client("bedrock-runtime")` (not the control-plane `bedrock` client nor
 * `bedrock-agent-runtime`) and the JS SDK v3 `BedrockRuntimeClient` with `send(new ConverseCommand(...))`.
 * Models are Bedrock ids (`anthropic.claude-...-v1:0`, `us.` / `eu.` / `global.` inference profiles).
 */
export const bedrock: SdkEntry = {
  sdk: 'bedrock',
  pythonModules: ['boto3'],
  jsModules: ['@aws-sdk/client-bedrock-runtime'],
  mentions: ['bedrock-runtime', 'BedrockRuntime', 'invoke_model', 'converse_stream', '.converse(', 'ConverseCommand'],
  constructors: [
    { name: 'client', kind: 'client', service: runtime },
    { name: 'Session', kind: 'session' },
    { name: 'BedrockRuntimeClient', kind: 'client' },
    { name: 'BedrockRuntime', kind: 'client' },
  ],
  factories: [{ path: 'client', on: 'session', kind: 'client', service: runtime }],
  methods: [
    { path: 'converse', api: 'converse', on: 'client', distinctive: true },
    { path: 'converse_stream', api: 'converse_stream', stream: true, on: 'client', distinctive: true },
    { path: 'invoke_model', api: 'invoke_model', on: 'client', distinctive: true },
    {
      path: 'invoke_model_with_response_stream',
      api: 'invoke_model_with_response_stream',
      stream: true,
      on: 'client',
      distinctive: true,
    },
    { path: 'converseStream', api: 'converse_stream', stream: true, on: 'client' },
    { path: 'invokeModel', api: 'invoke_model', on: 'client' },
    { path: 'invokeModelWithResponseStream', api: 'invoke_model_with_response_stream', stream: true, on: 'client' },
    {
      path: 'send',
      api: 'send',
      on: 'client',
      distinctive: true,
      commands: {
        ConverseCommand: { api: 'converse' },
        ConverseStreamCommand: { api: 'converse_stream', stream: true },
        InvokeModelCommand: { api: 'invoke_model' },
        InvokeModelWithResponseStreamCommand: { api: 'invoke_model_with_response_stream', stream: true },
      },
    },
  ],
  params: {
    model: ['modelId'],
    system: ['system', 'body.system'],
    messages: ['messages', 'body.messages', 'body.prompt', 'body.inputText', 'body.texts', 'body.input_text'],
    outputLimit: [
      'inferenceConfig.maxTokens',
      'body.max_tokens',
      'body.max_gen_len',
      'body.inferenceConfig.max_new_tokens',
      'body.textGenerationConfig.maxTokenCount',
      'body.max_tokens_to_sample',
    ],
    stream: [],
    baseUrl: ['endpoint_url', 'endpoint'],
    tools: ['toolConfig', 'body.tools'],
    // Converse's inference settings, where its limit goes.
    config: ['inferenceConfig'],
  },
};
