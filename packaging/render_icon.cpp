// atlas_render_icon SVG DIR SIZE...: draws the SVG icon at each SIZE into
// DIR/SIZExSIZE/apps/attention-atlas.png, the hicolor theme's layout (packaging/CMakeLists.txt).
// Qt's SVG renderer does it, so the build needs no other tool.
#include "app/runtime_dir.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv) {
  atlas::app::ensureRuntimeDirectory();  // before Qt, which warns without one
  QGuiApplication app(argc, argv);
  if (argc < 4) {
    std::fprintf(stderr, "usage: atlas_render_icon SVG DIR SIZE...\n");
    return 2;
  }
  QSvgRenderer svg(QString::fromLocal8Bit(argv[1]));
  if (!svg.isValid()) {
    std::fprintf(stderr, "error: %s is not a valid SVG file.\n", argv[1]);
    return 2;
  }
  for (int i = 3; i < argc; ++i) {
    bool ok = false;
    const int size = QString::fromLatin1(argv[i]).toInt(&ok);
    if (!ok || size < 1 || size > 4096) {
      std::fprintf(stderr, "error: '%s' is not an icon size in pixels.\n", argv[i]);
      return 2;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    const QString dir =
        QStringLiteral("%1/%2x%2/apps").arg(QString::fromLocal8Bit(argv[2])).arg(size);
    if (!QDir().mkpath(dir) || !image.save(dir + QStringLiteral("/attention-atlas.png"))) {
      std::fprintf(stderr, "error: could not write %s/attention-atlas.png.\n", qPrintable(dir));
      return 1;
    }
  }
  return 0;
}
