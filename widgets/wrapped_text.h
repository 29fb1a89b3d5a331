// A text element that wraps its text to the plot's width at every layout, on screen or into a
// figure of another size (QCPTextElement never wraps by itself): the notes and titles of views
// whose figures carry sentences.
#pragma once

#include <qcustomplot.h>

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

}  // namespace atlas::widgets
