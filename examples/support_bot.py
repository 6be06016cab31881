"""Customer-support bot: answers order questions with Claude, keeping the long policy in Anthropic's prompt cache."""
import os

import anthropic

MODEL = os.getenv("SUPPORT_MODEL", "claude-sonnet-4-5")

POLICY = """You are the support assistant of Northwind Outfitters, an online outdoor-gear shop.

Rules:
- Answer only questions about orders, shipping, returns and product care.
- Never promise a refund; say that the returns team decides within two business days.
- Quote order numbers exactly as the customer wrote them.
- If the customer is angry, apologise once, then move to the next step.
- Keep answers under 120 words and end with one concrete next step.

Shipping: standard 3-5 business days, express 1-2 business days, free above 75 EUR.
Returns: 30 days, unused items with tags, prepaid label from the account page.
"""


class SupportBot:
    def __init__(self):
        self.client = anthropic.Anthropic()

    def answer(self, customer_name: str, question: str, history: list[dict]) -> str:
        # llm-cost-lens: 3000/day
        response = self.client.messages.create(
            model=MODEL,
            max_tokens=600,
            system=[{"type": "text", "text": POLICY, "cache_control": {"type": "ephemeral"}}],
            messages=[*history, {"role": "user", "content": f"{customer_name} asks: {question}"}],
        )
        return response.content[0].text

    def classify(self, question: str) -> str:
        # llm-cost-lens: 3000/day
        response = self.client.messages.create(
            model="claude-haiku-4-5",
            max_tokens=10,
            messages=[{"role": "user", "content": f"One word, the topic (orders/shipping/returns/other): {question}"}],
        )
        return response.content[0].text.strip().lower()


if __name__ == "__main__":
    bot = SupportBot()
    print(bot.answer("Ada", "Where is my order 10-4471?", []))
