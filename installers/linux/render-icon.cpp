// render-icon: renders the application's SVG icon to the bitmaps the installers need,
// at build time, so no bitmap is kept in the tree.
//
//   render-icon ICON.svg OUT.png SIZE         one square PNG
//   render-icon ICON.svg OUT.ico SIZE...      one Windows icon holding every size
//
// Run it with QT_QPA_PLATFORM=offscreen: it needs QtGui but no display.
#include <QBuffer>
#include <QByteArray>
#include <QDataStream>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextStream>
#include <utility>
#include <vector>

namespace {

QImage render(QSvgRenderer& svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    svg.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

QByteArray png(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// An ICO file whose entries are PNG streams, which Windows reads at every size since
// Vista. Layout: ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the data.
QByteArray ico(const std::vector<std::pair<int, QByteArray>>& images)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out << quint16(0) << quint16(1) << quint16(images.size());
    quint32 offset = 6 + 16 * quint32(images.size());
    for (const auto& [size, data] : images) {
        const quint8 side = size >= 256 ? 0 : quint8(size); // 0 means 256
        out << side << side << quint8(0) << quint8(0) << quint16(1) << quint16(32)
            << quint32(data.size()) << offset;
        offset += quint32(data.size());
    }
    for (const auto& image : images)
        out.writeRawData(image.second.constData(), int(image.second.size()));
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(bytes);
    return file.commit();
}

} // namespace

int main(int argc, char* argv[])
{
    QGuiApplication app(argc, argv);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 3) {
        err << "usage: render-icon ICON.svg OUT.png SIZE | render-icon ICON.svg OUT.ico SIZE...\n";
        return 2;
    }
    const QString output = args.at(1);
    const bool toIco = output.endsWith(QLatin1String(".ico"), Qt::CaseInsensitive);
    std::vector<int> sizes;
    for (const QString& arg : args.mid(2)) {
        bool ok = false;
        const int size = arg.toInt(&ok);
        if (!ok || size < 1 || size > 1024 || (toIco && size > 256)) {
            err << "render-icon: bad size \"" << arg << "\"\n";
            return 2;
        }
        sizes.push_back(size);
    }
    if (!toIco && sizes.size() != 1) {
        err << "render-icon: a PNG takes exactly one size\n";
        return 2;
    }

    QSvgRenderer svg(args.at(0));
    if (!svg.isValid()) {
        err << "render-icon: cannot read the SVG " << args.at(0) << '\n';
        return 1;
    }
    QByteArray bytes;
    if (toIco) {
        std::vector<std::pair<int, QByteArray>> images;
        for (int size : sizes)
            images.emplace_back(size, png(render(svg, size)));
        bytes = ico(images);
    } else {
        bytes = png(render(svg, sizes.front()));
    }
    if (bytes.isEmpty() || !writeFile(output, bytes)) {
        err << "render-icon: cannot write " << output << '\n';
        return 1;
    }
    return 0;
}
