/** Where Update Prices fetches from: LiteLLM's public price map (MIT), the file the bundled snapshot also reads. */
export const liteLlmPriceMapUrl =
  'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';

/**
 * Bounds on one fetch. The map is about 1.5 MB today; 20 MB leaves room to grow and stops a wrong or hostile
 * server at a bounded cost. 30 seconds covers the whole exchange, headers and body.
 */
export const priceMapLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000 } as const;

/** The source key the fetched prices carry in a table (the bundled snapshot's LiteLLM prices carry `litellm`). */
export const updateSourceKey = 'litellmUpdate';
