// sidedText(): the words a sided exercise's steps read with on each side.
#include "core/SidedText.h"

#include <doctest/doctest.h>

using namespace deskbreak::core;
using Side = RoutinePlayer::Side;

TEST_CASE("the first side played is the right, the second the left, no side reads one/other")
{
    const QString text = QStringLiteral("Put your {side} hand on your {other} knee.");
    CHECK(sidedText(text, Side::Right) == "Put your right hand on your left knee.");
    CHECK(sidedText(text, Side::Left) == "Put your left hand on your right knee.");
    CHECK(sidedText(text, Side::None) == "Put your one hand on your other knee.");
}

TEST_CASE("every placeholder is filled, and a filled-in word is not filled again")
{
    CHECK(sidedText(QStringLiteral("{side}{other}{side}"), Side::Right) == "rightleftright");
    CHECK(sidedText(QStringLiteral("{other} {other}"), Side::Left) == "right right");
    // "{other}" becomes "other" for no side: not a placeholder any more, left as it is.
    CHECK(sidedText(QStringLiteral("{{other}}"), Side::None) == "{other}");
}

TEST_CASE("text without side placeholders, and unknown ones, pass through unchanged")
{
    CHECK(sidedText(QStringLiteral("Breathe out slowly."), Side::Right) == "Breathe out slowly.");
    CHECK(sidedText(QStringLiteral("the {sied} hand, {Side}, { side }"), Side::Left) ==
          "the {sied} hand, {Side}, { side }");
    CHECK(sidedText(QString(), Side::None).isEmpty());
}

TEST_CASE("a list of steps is rendered line by line")
{
    const QStringList steps = {QStringLiteral("Kneel, {side} knee down."),
                               QStringLiteral("Hold still."),
                               QStringLiteral("Look past the {other} shoulder.")};
    CHECK(sidedText(steps, Side::Left) ==
          QStringList{"Kneel, left knee down.", "Hold still.", "Look past the right shoulder."});
}

TEST_CASE("placeholdersIn names every {name} in order, known or not")
{
    CHECK(placeholdersIn(QStringLiteral("a {side} b {other} c {sied} d {}")) ==
          QStringList{"side", "other", "sied", ""});
    CHECK(placeholdersIn(QStringLiteral("no braces, or only one {")).isEmpty());
    CHECK(isSidePlaceholder(QStringLiteral("side")));
    CHECK(isSidePlaceholder(QStringLiteral("other")));
    CHECK_FALSE(isSidePlaceholder(QStringLiteral("Side")));
    CHECK_FALSE(isSidePlaceholder(QString()));
}
