// Text elements that fit their text at every layout, on screen or into a figure of another size
// (QCPTextElement never wraps nor cuts by itself): WrappedText wraps to the plot's width (the
// notes and titles of views whose figures carry sentences), ElidedText cuts to a given width.
#pragma once

#include <qcustomplot.h>

#include <functional>

namespace atlas::widgets {

class WrappedText : public QCPTextElement {
 public:
  /// The plot's font times `scale`, bold or not, in `color`.
  WrappedText(QCustomPlot* plot, double scale, bool bold, QColor color);
  /// The text before wrapping.
  void setSource(const QString& text);
  const QString& source() const { return m_source; }

 protected:
  QSize minimumOuterSizeHint() const override;
  QSize maximumOuterSizeHint() const override;

 private:
  /// Wraps the text to the plot's width, in a font that shrinks with a narrow figure (a journal
  /// column) down to three quarters of its size.
  void rewrap() const;
  QString m_source;
  QFont m_base, m_applied;
};

/// A text element cut with an ellipsis to `width()` pixels at every layout: a part's title in a
/// grid whose columns change with the figure's width (a figure cuts titles to the grid it finds
/// before its first layout).
class ElidedText : public QCPTextElement {
 public:
  ElidedText(QCustomPlot* plot, std::function<int()> width)
      : QCPTextElement(plot, QString()), m_width(std::move(width)) {}
  /// The text before cutting.
  void setSource(const QString& text);
  const QString& source() const { return m_source; }

 protected:
  QSize minimumOuterSizeHint() const override;
  QSize maximumOuterSizeHint() const override;

 private:
  void refit() const;
  std::function<int()> m_width;
  QString m_source;
};

}  // namespace atlas::widgets
