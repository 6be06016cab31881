"""Nightly job: tags every product of the catalogue with OpenAI, one request per product."""
import csv
import sys

from openai import OpenAI

client = OpenAI()
TAGGER_MODEL = "gpt-4.1"
INSTRUCTIONS = "Return five comma-separated lowercase tags for the product. No other text."


def tag_catalogue(path: str) -> list[tuple[str, str]]:
    tagged = []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            # llm-cost-lens: 12000/day
            response = client.chat.completions.create(
                model=TAGGER_MODEL,
                messages=[
                    {"role": "system", "content": INSTRUCTIONS},
                    {"role": "user", "content": f"{row['title']}\n\n{row['description']}"},
                ],
            )
            tagged.append((row["sku"], response.choices[0].message.content))
    return tagged


def embed_titles(titles: list[str]):
    return client.embeddings.create(model="text-embedding-3-small", input=titles)


if __name__ == "__main__":
    for sku, tags in tag_catalogue(sys.argv[1]):
        print(sku, tags)
