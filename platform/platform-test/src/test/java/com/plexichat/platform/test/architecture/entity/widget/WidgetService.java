package com.plexichat.platform.test.architecture.entity.widget;

import org.springframework.stereotype.Service;

@Service
class WidgetService {

    Widget find(long id) {
        return new Widget();
    }
}
