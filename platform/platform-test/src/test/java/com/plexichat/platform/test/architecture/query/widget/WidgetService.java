package com.plexichat.platform.test.architecture.query.widget;

import org.springframework.stereotype.Service;

@Service
class WidgetService {

    private final WidgetRepository widgets;

    WidgetService(WidgetRepository widgets) {
        this.widgets = widgets;
    }

    long count(WidgetRepository.Query query) {
        return widgets.count(query);
    }
}
