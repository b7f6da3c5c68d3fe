#pragma once

#include <QColor>
#include <QPalette>

namespace deskbreak::test {

// A dark desktop palette, to check that windows read well on a dark theme too.
inline QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1f, 0x23, 0x29), base(0x16, 0x19, 0x1d), text(0xe6, 0xe8, 0xeb);
    const QColor button(0x2b, 0x30, 0x37), highlight(0x3d, 0x8f, 0xe0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7c, 0xb7, 0xf2));
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x93, 0x9e));
    p.setColor(QPalette::Light, QColor(0x45, 0x4b, 0x54));
    p.setColor(QPalette::Midlight, QColor(0x36, 0x3b, 0x43));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::Dark, QColor(0x12, 0x14, 0x17));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x6b, 0x72, 0x7c));
    return p;
}

} // namespace deskbreak::test
