#pragma once

#include <QWidget>

class QSvgRenderer;

namespace deskbreak::ui {

// The light rounded card in the break window: an exercise's SVG drawn as vectors (crisp at
// any device pixel ratio), or one of a few built-in pictures in the same style. The card
// stays light in dark themes too: the SVGs are dark lines on a transparent background.
class IllustrationCard : public QWidget {
    Q_OBJECT
public:
    enum class Picture {
        Svg,         // the file given to setPicture(); "no picture" text when it cannot load
        SwitchSides, // two opposed arrows and "Switch sides"
        Breathe,     // calm concentric rings: get-ready steps without a picture to preview
        Cheer,       // a figure with raised arms: the summary
    };

    explicit IllustrationCard(QWidget* parent = nullptr);

    // `caption` is a small label at the top of the card, e.g. "Up next: Wall dog". `mirrored`
    // flips the SVG left to right: the second side of a two-sided stretch.
    void setPicture(Picture picture, const QString& svgPath = {}, const QString& caption = {},
                    bool mirrored = false);
    void setPaused(bool paused);

    Picture picture() const { return m_picture; }
    bool hasSvg() const;
    bool isMirrored() const { return m_mirrored; }
    QString caption() const { return m_caption; }
    bool isPaused() const { return m_paused; }

    // Both follow the font, so a larger font never leaves the picture small.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Picture m_picture = Picture::Breathe;
    QSvgRenderer* m_svg;
    bool m_svgLoaded = false;
    bool m_mirrored = false;
    QString m_caption;
    bool m_paused = false;
};

} // namespace deskbreak::ui
