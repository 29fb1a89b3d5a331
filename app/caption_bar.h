// The bar above the views while a lesson is open: where in the lesson the class is ("Scene 3 of
// 14"), the scene's title and its caption, and the buttons to the previous and next scene. In
// presentation mode its type is scaled up for the back row.
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace atlas::app {

class LessonController;

class CaptionBar : public QWidget {
  Q_OBJECT
 public:
  CaptionBar(LessonController* lessons, QWidget* parent = nullptr);

  /// Type `scale` times the normal size (1: the window's, more in presentation mode).
  void setScale(double scale);
  QString titleText() const;
  QString captionText() const;
  QToolButton* previousButton() const { return m_previous; }
  QToolButton* nextButton() const { return m_next; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void refresh();

  LessonController* m_lessons;
  QLabel *m_where, *m_title, *m_caption;
  QToolButton *m_previous, *m_next;
  double m_scale = 1.0;
};

}  // namespace atlas::app
