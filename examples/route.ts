// A Next.js route handler (app/api/chat/route.ts) streaming a travel-planning chat with the Vercel AI SDK.
import { openai } from '@ai-sdk/openai';
import { generateObject, streamText } from 'ai';
import { z } from 'zod';

const SYSTEM = `You are a travel planner. Suggest at most three options, each with a price range and one caveat.`;

export async function POST(req: Request) {
  const { messages, city } = await req.json();
  // llm-cost-lens: 20000/day
  const result = streamText({
    model: openai('gpt-4o'),
    system: `${SYSTEM} The traveller is in ${city}.`,
    messages,
  });
  return result.toUIMessageStreamResponse();
}

export async function itinerary(city: string, days: number) {
  const { object } = await generateObject({
    model: openai('gpt-4o-mini'),
    schema: z.object({ days: z.array(z.object({ morning: z.string(), afternoon: z.string(), evening: z.string() })) }),
    prompt: `Plan ${days} days in ${city}.`,
    maxOutputTokens: 1500,
  });
  return object;
}
