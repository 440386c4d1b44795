package com.plexichat.platform.test.architecture.nested.widget;

import java.util.List;

record WidgetResponse(long id, List<WidgetRepository.Part> parts) {}
