import type { Node } from 'web-tree-sitter';
import type { Resolver } from './resolver';
import { isMember, unwrap } from './syntax';

/**
 * Servers that speak OpenAI's API, by a word their settings are named with (`LMSTUDIO_BASE_PATH`,
 * `LITE_LLM_BASE_PATH`, `settings.ollama_host`), compared with separators removed. OpenAI's own names
 * (`OPENAI_BASE_URL`) are not here: such a setting may point at OpenAI or at any server.
 */
const serverWords =
  /lmstudio|localai|ollama|vllm|llamacpp|koboldcpp|textgenwebui|litellm|lemonade|groq|together|deepseek|openrouter|fireworks|perplexity|mistral|deepinfra|novita|nvidia|dashscope|moonshot|siliconflow|cerebras|sambanova|huggingface|localhost/;

const maxSteps = 3;

/**
 * The server a base URL the code does not show is named for, read from how it is written and, a few steps back,
 * from what it is set to (`this.basePath = process.env.LITE_LLM_BASE_PATH`, `baseURL:
 * parseLMStudioBasePath(process.env.LMSTUDIO_BASE_PATH)`); null when nothing names one.
 */
export function hiddenServer(resolver: Resolver, expr: Node, steps = 0): string | null {
  const node = unwrap(expr);
  const word = serverWords.exec(node.text.toLowerCase().replace(/[\s_\-.]/g, ''))?.[0];
  if (word) return word;
  if (steps >= maxSteps) return null;
  const owner = resolver.owner(node);
  if (!owner) return null;
  for (const value of definedValues(owner, node)) {
    const found = hiddenServer(owner, value, steps + 1);
    if (found) return found;
  }
  return null;
}

/** What a name or an attribute is set to in the code: a variable's value, a parameter's default, a member's assignments. */
function definedValues(resolver: Resolver, node: Node): Node[] {
  if (node.type === 'identifier') {
    const definition = resolver.bindings.lookup(node.text, node);
    if (definition?.kind === 'value' || definition?.kind === 'param') return definition.value ? [definition.value] : [];
    return [];
  }
  if (!isMember(node)) return [];
  return resolver.members.definitions(node, 0).flatMap((d) => ('value' in d && d.value ? [d.value] : []));
}
