import type { Node } from 'web-tree-sitter';
import type { ParamNames } from '../sdk';
import type { Resolver } from './resolver';
import { calleeOf, isMember, memberName, unwrap } from './syntax';
import type { CallFeatures } from './types';

/** APIs whose answer is a parsed structure whatever the arguments say. */
const structuredApis = new Set([
  'generateObject',
  'streamObject',
  'chat.completions.parse',
  'responses.parse',
  'messages.parse',
]);
/** LangChain runnables that give a model tools or a schema. */
const toolFactories = /^(bind_tools|bindTools)$/;
const structureFactories = /^(with_structured_output|withStructuredOutput)$/;
/** Image (or other media) input, as the SDKs write it. */
const media =
  /image_url|input_image|["']image["']|inline_data|inlineData|file_data|fileData|image\/(png|jpe?g|webp|gif)|Part\.from_(bytes|uri)|from_image|createPartFromUri|["']input_audio["']/;
/** An answer limited to a fixed set of values. */
const enumShape =
  /\bLiteral\[|z\.enum\(|["']enum["']\s*:|\benum\s*:|\(\s*(str\s*,\s*)?Enum\s*\)|output:\s*["']enum["']/;

export interface FeatureInput {
  resolver: Resolver;
  api: string;
  params: ParamNames;
  /** The call's named arguments and those of the constructors that carry its settings. */
  lookup: (names: readonly string[]) => Node | null;
  /** Factory calls between the constructor and the call (`bind_tools(...)`, `with_structured_output(...)`). */
  derivations: readonly Node[];
  /** Nodes the messages were read from. */
  messageSources: readonly Node[];
}

/** What the request uses that a replacement model must support too. */
export function callFeatures(input: FeatureInput): CallFeatures {
  const { resolver, params } = input;
  const factoryNames = input.derivations.map((call) => {
    const callee = calleeOf(call);
    return callee ? (isMember(callee) ? (memberName(callee) ?? '') : callee.text) : '';
  });
  const schemaFactory = input.derivations.find((_, i) => structureFactories.test(factoryNames[i]));
  const schema = input.lookup(params.structuredOutput ?? []) ?? schemaFactory?.childForFieldName('arguments') ?? null;
  const structuredOutput = structuredApis.has(input.api) || schema !== null;
  return {
    tools: input.lookup(params.tools ?? []) !== null || factoryNames.some((n) => toolFactories.test(n)),
    vision: input.messageSources.some((node) => media.test(node.text)),
    structuredOutput,
    enumOutput: (schema !== null && enumShape.test(schemaText(resolver, schema))) || enumMode(input),
  };
}

/** The AI SDK's enum mode: `generateObject({ output: 'enum', enum: [...] })`, which takes no schema. */
function enumMode(input: FeatureInput): boolean {
  if (!structuredApis.has(input.api)) return false;
  const mode = input.lookup(['output']);
  return mode !== null && /^["'`]enum["'`]$/.test(mode.text);
}

/** The schema's text, following a name to the class or constant that defines it. */
function schemaText(resolver: Resolver, schema: Node): string {
  const parts = [schema.text];
  for (const match of schema.text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const definition = resolver.bindings.lookup(match[0], schema);
    if (definition?.kind === 'class') parts.push(definition.node.text);
    else if (definition?.kind === 'value') parts.push(unwrap(definition.value).text);
    if (parts.length > 6) break;
  }
  return parts.join('\n');
}
