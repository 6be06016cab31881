import type { Node } from 'web-tree-sitter';
import { calleeOf, isFunction, isMember, memberName } from './syntax';

/** Decorators of functions that serve requests: Flask/FastAPI/Django REST routes, Chainlit, Gradio events. */
const routeDecorator =
  /^@\s*[\w.]*?\b(route|get|post|put|patch|delete|websocket|api_route|api_view|on_message|on_chat_start|action)\b/;
/** A parameter that is the request: `request: Request`, `req`, `ws: WebSocket`, a Next.js `NextRequest`. */
const requestParameter = /(^|[(,]\s*)(req|request)\b|:\s*(Request|HttpRequest|NextRequest|WebSocket)\b/;
/** Next.js route handlers and server functions are named after the HTTP method. */
const methodName = /^(GET|POST|PUT|PATCH|DELETE|handler|loader|action)$/;
/** `app.get('/x', handler)`, `router.post(...)`, `fastify.route(...)`, `server.on('request', ...)`. */
const routeRegistration = /^(get|post|put|patch|delete|all|use|route|handle|on|ws)$/;

/**
 * Inside a function that answers a request while a user waits (a route, a view, a handler): such calls are
 * real-time by nature, however many of them a loop makes, so the batch API does not fit them.
 */
export function isInRequestHandler(call: Node): boolean {
  for (let p = call.parent; p; p = p.parent) {
    if (!isFunction(p)) continue;
    if (servesRequests(p)) return true;
  }
  return false;
}

function servesRequests(fn: Node): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  if (decorated) {
    for (const child of decorated.namedChildren) {
      if (child?.type === 'decorator' && routeDecorator.test(child.text)) return true;
    }
  }
  const parameters = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (parameters && requestParameter.test(parameters.text)) return true;
  const name = fn.childForFieldName('name')?.text;
  if (name && methodName.test(name) && exported(fn)) return true;
  // A callback registered on a router or server.
  const args = fn.parent;
  const registration = args?.type === 'arguments' ? args.parent : null;
  const callee = registration ? calleeOf(registration) : null;
  return !!callee && isMember(callee) && routeRegistration.test(memberName(callee) ?? '');
}

function exported(fn: Node): boolean {
  return fn.parent?.type === 'export_statement';
}
