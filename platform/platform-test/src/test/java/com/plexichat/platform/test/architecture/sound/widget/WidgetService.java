package com.plexichat.platform.test.architecture.sound.widget;

import org.springframework.stereotype.Service;

@Service
class WidgetService {

    private final WidgetRepository widgets;

    WidgetService(WidgetRepository widgets) {
        this.widgets = widgets;
    }

    WidgetResponse get(long id) {
        WidgetRepository.Widget widget = widgets.find(id);
        return new WidgetResponse(widget.id(), widget.name());
    }
}
