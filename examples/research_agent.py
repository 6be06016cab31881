"""A small LangChain research helper: drafts an answer, then critiques it with a second model."""
from langchain_anthropic import ChatAnthropic
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

drafter = ChatOpenAI(model="gpt-4o-mini", temperature=0.2)
critic = ChatAnthropic(model="claude-sonnet-4-5", max_tokens=800)


def research(question: str, notes: str) -> str:
    draft = drafter.invoke(
        [
            SystemMessage(content="Write a factual, sourced answer from the notes."),
            HumanMessage(content=f"Notes:\n{notes}\n\nQuestion: {question}"),
        ]
    )
    review = critic.invoke(f"Point out unsupported claims in this answer:\n{draft.content}")
    return f"{draft.content}\n\nReview:\n{review.content}"


async def research_many(questions: list[str], notes: str) -> list[str]:
    return [(await drafter.ainvoke(f"{notes}\n\n{q}")).content for q in questions]
